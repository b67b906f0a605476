package io.wework.identity.command;

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
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.LockOutUserCommand;
import io.wework.identity.api.Role;
import io.wework.platform.messaging.CommandSender;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordLoginTest {

    private static final String IP = "203.0.113.7";
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final String PHONE_ONLY = "0193f1b2-0000-7000-8000-0000000000f0";

    private final CommandSender commands = mock(CommandSender.class);
    private final IdentityClaims claims = mock(IdentityClaims.class);
    private final StoredCredentials stored = mock(StoredCredentials.class);
    private final PasswordEncoder encoder = spy(new BCryptPasswordEncoder(4));
    private final String hash = new BCryptPasswordEncoder(4).encode("s3cret-pass");
    private final LoginThrottle throttle = mock(LoginThrottle.class);
    private final LoginThrottle.Attempt attempt = mock(LoginThrottle.Attempt.class);
    private PasswordLogin login;

    @BeforeEach
    void setUp() {
        when(throttle.maxPerAccount()).thenReturn(5);
        when(throttle.window()).thenReturn(WINDOW);
        when(throttle.begin(anyString(), anyString())).thenReturn(attempt);
        when(attempt.failed()).thenReturn(1L);
        when(claims.findUserId(any(), anyString())).thenReturn(Optional.empty());
        when(claims.findUserId(IdentityClaims.Type.EMAIL, "ann@example.com")).thenReturn(Optional.of(USER));
        when(claims.findLoginByPhone("09120000001")).thenReturn(Optional.of(PHONE_ONLY));
        when(stored.of(USER)).thenReturn(Optional.of(new User.Credentials(hash, null)));
        when(stored.of(PHONE_ONLY)).thenReturn(Optional.of(new User.Credentials(null, null)));
        when(commands.send(any(AuthenticateUserCommand.class), eq(USER))).thenAnswer(call ->
                new AuthenticatedUser(USER, Role.USER, ((AuthenticateUserCommand) call.getArgument(0)).sessionId()));
        login = new PasswordLogin(commands, claims, new PasswordCheck(stored, encoder), throttle, new TokenIssuer(JWT),
                Clock.fixed(NOW, ZoneOffset.UTC));
        clearInvocations(encoder); // the dummy hash made at start
    }

    private void assertBadCredentials(String username, String password) {
        assertThatThrownBy(() -> login.login(username, password, IP))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("bad_credentials");
    }

    @Test
    void aThrottledLoginIsRefusedBeforeAnythingIsLookedUpOrChecked() {
        TooManyRequestsException limited = new TooManyRequestsException("too_many_login_attempts", "later", 60);
        when(throttle.begin("ann@example.com", IP)).thenThrow(limited);
        assertThatThrownBy(() -> login.login("ann@example.com", "pw", IP)).isSameAs(limited);
        verifyNoInteractions(claims, commands, stored, encoder);
    }

    @Test
    void everyPathCostsExactlyOneBcryptCheckAgainstAHashOfTheConfiguredCost() {
        assertBadCredentials("nobody@example.com", "pw-unknown-email");
        assertBadCredentials("09129999999", "pw-unknown-phone");
        assertBadCredentials("09120000001", "pw-phone-only");
        assertBadCredentials("ann@example.com", "pw-wrong");
        login.login("ann@example.com", "s3cret-pass", IP);
        for (String password : new String[] {"pw-unknown-email", "pw-unknown-phone", "pw-phone-only", "pw-wrong", "s3cret-pass"}) {
            ArgumentCaptor<String> checkedAgainst = ArgumentCaptor.forClass(String.class);
            verify(encoder, times(1)).matches(eq(password), checkedAgainst.capture());
            assertThat(checkedAgainst.getValue()).as(password).startsWith("$2a$04$");
        }
    }

    @Test
    void anUnknownLoginCountsAsAFailureButLocksNothing() {
        when(attempt.failed()).thenReturn(5L);
        assertBadCredentials("  Nobody@Example.COM ", "pw");
        verify(throttle).begin("nobody@example.com", IP);
        verify(stored).of(PasswordCheck.NO_SUCH_USER); // the same store read as a known name
        verify(attempt).failed();
        verifyNoInteractions(commands);
    }

    @Test
    void aProvedPhoneNumberLogsInByItsPhoneClaim() {
        assertBadCredentials("09120000001", "pw");
        verify(claims, never()).findUserId(eq(IdentityClaims.Type.EMAIL), anyString());
        verify(stored).of(PHONE_ONLY);
    }

    @Test
    void aPhoneNoAccountProvedIsAnUnknownName() {
        // findLoginByPhone answers only proved phones: an account holding the number unproved is not asked
        assertBadCredentials("09120000002", "pw");
        verify(claims).findLoginByPhone("09120000002");
        verify(claims, never()).findUserId(any(), anyString());
        verify(commands, never()).send(any(), any());
    }

    @Test
    void theRightPasswordSendsOnlyTheDigestOfTheMatchedHashAndForgivesTheFailures() throws Exception {
        ArgumentCaptor<AuthenticateUserCommand> sent = ArgumentCaptor.forClass(AuthenticateUserCommand.class);

        TokenIssuer.Tokens tokens = login.login("Ann@example.com", "s3cret-pass", IP);

        verify(commands).send(sent.capture(), eq(USER));
        AuthenticateUserCommand command = sent.getValue();
        assertThat(command.userId()).isEqualTo(USER);
        assertThat(command.checkedHashDigest()).isEqualTo(User.digestOf(hash));
        for (RecordComponent component : AuthenticateUserCommand.class.getRecordComponents()) {
            assertThat(String.valueOf(component.getAccessor().invoke(command))).as(component.getName())
                    .doesNotContain("s3cret-pass").isNotEqualTo(hash);
        }
        assertThat(command.method()).isEqualTo("password");
        assertThat(command.refreshTokenHash()).isEqualTo(RefreshTokens.hash(tokens.refreshToken()));
        assertThat(RefreshTokens.parse(tokens.refreshToken()).orElseThrow().sessionId()).isEqualTo(command.sessionId());
        assertThat(JWT.verify(tokens.accessToken()).sessionId()).isEqualTo(command.sessionId());
        verify(attempt).succeeded();
        verify(attempt, never()).failed();
    }

    @Test
    void aWrongPasswordBelowTheLimitCountsButSendsNothing() {
        when(attempt.failed()).thenReturn(4L);
        assertBadCredentials("ann@example.com", "wrong");
        verify(attempt).failed();
        verifyNoInteractions(commands);
        verify(attempt, never()).succeeded();
    }

    @Test
    void theFailureThatReachesTheLimitLocksTheAccountUntilTheWindowEnds() {
        when(attempt.failed()).thenReturn(5L);
        assertBadCredentials("ann@example.com", "wrong");
        verify(commands).send(new LockOutUserCommand(USER, NOW.plus(WINDOW), 5), USER);
        verify(commands, never()).send(any(AuthenticateUserCommand.class), anyString());
    }

    @Test
    void aPasswordChangedBetweenTheCheckAndTheCommandIsAFailure() {
        when(commands.send(any(AuthenticateUserCommand.class), eq(USER))).thenThrow(IdentityErrors.badCredentials());
        when(attempt.failed()).thenReturn(5L);
        assertBadCredentials("ann@example.com", "s3cret-pass");
        verify(attempt).failed();
        verify(commands).send(new LockOutUserCommand(USER, NOW.plus(WINDOW), 5), USER);
    }

    @Test
    void otherRefusalsAreNotPasswordFailures() {
        when(commands.send(any(AuthenticateUserCommand.class), eq(USER))).thenThrow(IdentityErrors.inactive());
        assertThatThrownBy(() -> login.login("ann@example.com", "s3cret-pass", IP))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("account_inactive");
        verify(attempt, never()).failed();
        verify(attempt).cancel();
        verify(commands, never()).send(any(LockOutUserCommand.class), anyString());
    }

    @Test
    void aLockedAccountIsRefusedEvenWithTheRightPasswordAndTheAttemptDoesNotCount() {
        when(stored.of(USER)).thenReturn(Optional.of(new User.Credentials(hash, NOW.plusSeconds(600))));
        assertThatThrownBy(() -> login.login("ann@example.com", "s3cret-pass", IP))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.code()).isEqualTo("account_locked");
                    assertThat(e.retryAfterSeconds()).isEqualTo(601);
                });
        verify(encoder, times(1)).matches(eq("s3cret-pass"), anyString());
        verify(attempt, never()).failed();
        verify(attempt).cancel();
        verifyNoInteractions(commands);
    }

    @Test
    void anExpiredLockLetsTheLoginThroughToTheAggregate() {
        when(stored.of(USER)).thenReturn(Optional.of(new User.Credentials(hash, NOW.minusSeconds(1))));
        login.login("ann@example.com", "s3cret-pass", IP);
        verify(commands).send(any(AuthenticateUserCommand.class), eq(USER));
    }

    @Test
    void anErrorOnTheWayGivesTheAttemptBack() {
        when(claims.findUserId(IdentityClaims.Type.EMAIL, "ann@example.com")).thenThrow(new IllegalStateException("db"));
        assertThatThrownBy(() -> login.login("ann@example.com", "s3cret-pass", IP)).isInstanceOf(IllegalStateException.class);
        verify(attempt).cancel();
        verify(attempt, never()).failed();
    }
}
