package io.wework.identity.command;

import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.wework.identity.api.UpdateProfileCommand;
import io.wework.identity.api.UserView;
import io.wework.platform.messaging.CommandSender;
import org.junit.jupiter.api.Test;

class ProfileUpdateTest {

    private final CommandSender commands = mock(CommandSender.class);
    private final ProfileUpdate update = new ProfileUpdate(commands);

    @Test
    void theUsernameIsStoredLowerCaseAndABlankNameChangesNothing() {
        UserView after = mock(UserView.class);
        when(commands.send(any(UpdateProfileCommand.class))).thenReturn(after);
        assertThat(update.update(USER, "   ", " Ann.B ", "bio", "https://a/b.png")).isSameAs(after);
        verify(commands).send(new UpdateProfileCommand(USER, null, "ann.b", "bio", "https://a/b.png"));
    }

    @Test
    void absentFieldsStayAbsent() {
        update.update(USER, " Ann ", null, null, null);
        verify(commands).send(new UpdateProfileCommand(USER, "Ann", null, null, null));
    }
}
