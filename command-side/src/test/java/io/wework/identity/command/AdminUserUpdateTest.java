package io.wework.identity.command;

import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AdminUpdateUserCommand;
import io.wework.identity.api.Role;
import io.wework.platform.messaging.CommandSender;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

class AdminUserUpdateTest {

    private final CommandSender commands = mock(CommandSender.class);
    private final AdminUserUpdate update = new AdminUserUpdate(commands);

    @Test
    void sendsTheChangeWithTheActingAdminsRoleAndNormalisedContactData() {
        update.update(USER, Role.ADMIN, Role.USER, false, " Ann ", "09120000001", " Ann@Example.COM ");
        verify(commands).send(new AdminUpdateUserCommand(USER, Role.ADMIN, Role.USER, false, "Ann", "09120000001",
                "ann@example.com"));
    }

    @Test
    void nullsStayUnchanged() {
        update.update(USER, Role.SUPER_ADMIN, null, null, null, null, null);
        verify(commands).send(new AdminUpdateUserCommand(USER, Role.SUPER_ADMIN, null, null, null, null, null));
    }

    @Test
    void anUnknownUserIs404UserNotFound() {
        when(commands.send(any(AdminUpdateUserCommand.class))).thenThrow(new AggregateNotFoundException(USER, "no"));
        assertThatThrownBy(() -> update.update(USER, Role.ADMIN, null, true, null, null, null))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("user_not_found");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
                });
    }
}
