package io.wework.identity.command;

import static io.wework.identity.command.SessionsTest.caller;
import static io.wework.identity.command.TokenIssuerTest.JWT;
import static io.wework.identity.command.TokenIssuerTest.NOW;
import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.ChangePasswordCommand;
import io.wework.identity.api.Role;
import io.wework.platform.messaging.CommandSender;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordChangeTest {

    private static final String SESSION = "11111111-1111-1111-1111-111111111111";

    private final PasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private final CommandSender commands = mock(CommandSender.class);
    private final PasswordChange change = new PasswordChange(commands, new PasswordHasher(encoder), new TokenIssuer(JWT),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theCallersSessionGoesOnWithANewPairNotOlderThanTheChange() {
        ArgumentCaptor<ChangePasswordCommand> sent = ArgumentCaptor.forClass(ChangePasswordCommand.class);
        when(commands.send(sent.capture())).thenReturn(new AuthenticatedUser(USER, Role.USER, SESSION));

        TokenIssuer.Tokens tokens = change.change(caller(SESSION), "old-pass1", "new-pass2");

        ChangePasswordCommand command = sent.getValue();
        assertThat(command.userId()).isEqualTo(USER);
        assertThat(command.currentPassword()).isEqualTo("old-pass1");
        assertThat(encoder.matches("new-pass2", command.newPasswordHash())).isTrue();
        assertThat(command.sessionId()).isEqualTo(SESSION);
        assertThat(command.newRefreshTokenHash()).isEqualTo(RefreshTokens.hash(tokens.refreshToken()));
        assertThat(JWT.verify(tokens.accessToken()).issuedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void aCallerWithoutASessionGetsANewOne() {
        ArgumentCaptor<ChangePasswordCommand> sent = ArgumentCaptor.forClass(ChangePasswordCommand.class);
        when(commands.send(sent.capture())).thenReturn(new AuthenticatedUser(USER, Role.USER, "whatever"));
        TokenIssuer.Tokens tokens = change.change(caller(null), "old-pass1", "new-pass2");
        assertThat(sent.getValue().sessionId()).isNotNull()
                .isEqualTo(RefreshTokens.parse(tokens.refreshToken()).orElseThrow().sessionId());
    }

    @Test
    void aNewPasswordLongerThanBcryptReadsIsRefused() {
        assertThatThrownBy(() -> change.change(caller(SESSION), "old-pass1", "é".repeat(37)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
        verifyNoInteractions(commands);
    }
}
