package io.wework.identity.command;

import static io.wework.identity.command.SessionsTest.caller;
import static io.wework.identity.command.TokenIssuerTest.JWT;
import static io.wework.identity.command.TokenIssuerTest.NOW;
import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.ChangePasswordCommand;
import io.wework.identity.api.Role;
import io.wework.platform.messaging.CommandSender;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordChangeTest {

    private static final String SESSION = "11111111-1111-1111-1111-111111111111";
    private static final String IP = "203.0.113.7";

    private final PasswordEncoder encoder = spy(new BCryptPasswordEncoder(4));
    private final String hash = new BCryptPasswordEncoder(4).encode("old-pass1");
    private final CommandSender commands = mock(CommandSender.class);
    private final StoredCredentials stored = mock(StoredCredentials.class);
    private final PasswordChangeThrottle throttle = mock(PasswordChangeThrottle.class);
    private final PasswordChangeThrottle.Attempt attempt = mock(PasswordChangeThrottle.Attempt.class);
    private PasswordChange change;

    @BeforeEach
    void setUp() {
        when(stored.of(USER)).thenReturn(Optional.of(new User.Credentials(hash, null)));
        when(throttle.begin(USER, IP)).thenReturn(attempt);
        change = new PasswordChange(commands, new PasswordHasher(encoder), new PasswordCheck(stored, encoder), throttle,
                new TokenIssuer(JWT), Clock.fixed(NOW, ZoneOffset.UTC));
        clearInvocations(encoder);
    }

    @Test
    void theCallersSessionGoesOnWithANewPairNotOlderThanTheChange() throws Exception {
        ArgumentCaptor<ChangePasswordCommand> sent = ArgumentCaptor.forClass(ChangePasswordCommand.class);
        when(commands.send(sent.capture())).thenReturn(new AuthenticatedUser(USER, Role.USER, SESSION));

        TokenIssuer.Tokens tokens = change.change(caller(SESSION), "old-pass1", "new-pass2", IP);

        ChangePasswordCommand command = sent.getValue();
        assertThat(command.userId()).isEqualTo(USER);
        assertThat(command.checkedHashDigest()).isEqualTo(User.digestOf(hash));
        assertThat(encoder.matches("new-pass2", command.newPasswordHash())).isTrue();
        for (RecordComponent component : ChangePasswordCommand.class.getRecordComponents()) {
            assertThat(String.valueOf(component.getAccessor().invoke(command))).as(component.getName())
                    .doesNotContain("old-pass1").doesNotContain("new-pass2").isNotEqualTo(hash);
        }
        assertThat(command.sessionId()).isEqualTo(SESSION);
        assertThat(command.newRefreshTokenHash()).isEqualTo(RefreshTokens.hash(tokens.refreshToken()));
        assertThat(JWT.verify(tokens.accessToken()).issuedAt()).isEqualTo(NOW.plusSeconds(1));
        verify(attempt).succeeded();
        verify(attempt, never()).failed();
    }

    @Test
    void aCallerWithoutASessionGetsANewOne() {
        ArgumentCaptor<ChangePasswordCommand> sent = ArgumentCaptor.forClass(ChangePasswordCommand.class);
        when(commands.send(sent.capture())).thenReturn(new AuthenticatedUser(USER, Role.USER, "whatever"));
        TokenIssuer.Tokens tokens = change.change(caller(null), "old-pass1", "new-pass2", IP);
        assertThat(sent.getValue().sessionId()).isNotNull()
                .isEqualTo(RefreshTokens.parse(tokens.refreshToken()).orElseThrow().sessionId());
    }

    @Test
    void aWrongCurrentPasswordCostsOneCheckCountsAndSendsNothing() {
        assertThatThrownBy(() -> change.change(caller(SESSION), "not-it-1", "new-pass2", IP))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("wrong_current_password"));
        verify(encoder, times(1)).matches(eq("not-it-1"), anyString());
        verify(encoder, never()).encode(any());
        verify(attempt).failed();
        verifyNoInteractions(commands);
    }

    @Test
    void anAccountWithoutAPasswordHasNoCurrentPasswordToProve() {
        when(stored.of(USER)).thenReturn(Optional.of(new User.Credentials(null, null)));
        assertThatThrownBy(() -> change.change(caller(SESSION), "anything-1", "new-pass2", IP))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("wrong_current_password"));
        verify(encoder, times(1)).matches(eq("anything-1"), anyString());
        verifyNoInteractions(commands);
    }

    @Test
    void aThrottledChangeChecksNothing() {
        TooManyRequestsException limited = new TooManyRequestsException("too_many_password_attempts", "later", 60);
        when(throttle.begin(USER, IP)).thenThrow(limited);
        assertThatThrownBy(() -> change.change(caller(SESSION), "old-pass1", "new-pass2", IP)).isSameAs(limited);
        verifyNoInteractions(stored, encoder, commands);
    }

    @Test
    void aPasswordChangedSinceTheCheckIsAFailure() {
        DomainException changed = PasswordChange.wrongCurrentPassword();
        when(commands.send(any(ChangePasswordCommand.class))).thenThrow(changed);
        assertThatThrownBy(() -> change.change(caller(SESSION), "old-pass1", "new-pass2", IP)).isSameAs(changed);
        verify(attempt).failed();
        verify(attempt, never()).succeeded();
    }

    @Test
    void otherRefusalsGiveTheAttemptBack() {
        DomainException conflict = new DomainException(DomainException.Kind.CONFLICT, "concurrent_modification", "retry");
        when(commands.send(any(ChangePasswordCommand.class))).thenThrow(conflict);
        assertThatThrownBy(() -> change.change(caller(SESSION), "old-pass1", "new-pass2", IP)).isSameAs(conflict);
        verify(attempt, never()).failed();
        verify(attempt).cancel();
    }

    @Test
    void aNewPasswordLongerThanBcryptReadsIsRefusedBeforeAnythingElse() {
        assertThatThrownBy(() -> change.change(caller(SESSION), "old-pass1", "é".repeat(37), IP))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
        verifyNoInteractions(commands, throttle, stored, encoder);
    }
}
