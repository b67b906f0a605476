package io.wework.identity.command;

import static io.wework.identity.command.TokenIssuerTest.JWT;
import static io.wework.identity.command.TokenIssuerTest.NOW;
import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
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

    private final CommandSender commands = mock(CommandSender.class);
    private final IdentityClaims claims = mock(IdentityClaims.class);
    private final PasswordEncoder encoder = mock(PasswordEncoder.class);
    private final LoginThrottle throttle = mock(LoginThrottle.class);
    private PasswordLogin login;

    @BeforeEach
    void setUp() {
        when(encoder.encode(anyString())).thenReturn("dummy-hash");
        when(throttle.maxPerAccount()).thenReturn(5);
        when(throttle.window()).thenReturn(WINDOW);
        login = new PasswordLogin(commands, claims, encoder, throttle, new TokenIssuer(JWT), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aThrottledLoginIsRefusedBeforeAnythingIsLookedUp() {
        TooManyRequestsException limited = new TooManyRequestsException("too_many_login_attempts", "later", 60);
        org.mockito.Mockito.doThrow(limited).when(throttle).checkAllowed("ann@example.com", IP);
        assertThatThrownBy(() -> login.login("ann@example.com", "pw", IP)).isSameAs(limited);
        verifyNoInteractions(claims, commands);
        verify(throttle, never()).recordFailure(anyString(), anyString());
    }

    @Test
    void anUnknownLoginCostsAPasswordCheckAndCountsAsAFailure() {
        when(claims.findUserId(IdentityClaims.Type.EMAIL, "ann@example.com")).thenReturn(Optional.empty());
        assertThatThrownBy(() -> login.login("  Ann@Example.COM ", "pw", IP))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("bad_credentials");
        verify(throttle).checkAllowed("ann@example.com", IP);
        verify(encoder).matches("pw", "dummy-hash");
        verify(throttle).recordFailure("ann@example.com", IP);
        verifyNoInteractions(commands);
    }

    @Test
    void aPhoneNumberLogsInToTheAccountThatProvedIt() {
        when(claims.findLoginByPhone("09120000001")).thenReturn(Optional.of(USER));
        when(commands.send(any(AuthenticateUserCommand.class), eq(USER))).thenReturn(new AuthenticatedUser(USER, Role.USER, "s"));
        login.login("09120000001", "pw", IP);
        verify(claims, never()).findUserId(eq(IdentityClaims.Type.EMAIL), anyString());
    }

    @Test
    void aPhoneNoAccountProvedIsAnUnknownName() {
        // findLoginByPhone answers only proved phones: an account holding the number unproved is not asked
        when(claims.findLoginByPhone("09120000001")).thenReturn(Optional.empty());
        assertThatThrownBy(() -> login.login("09120000001", "pw", IP))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("bad_credentials"));
        verify(throttle).recordFailure("09120000001", IP);
        verify(commands, never()).send(any(), any());
    }

    @Test
    void theRightPasswordStartsASessionAndClearsTheAccountsFailures() {
        when(claims.findUserId(IdentityClaims.Type.EMAIL, "ann@example.com")).thenReturn(Optional.of(USER));
        ArgumentCaptor<AuthenticateUserCommand> sent = ArgumentCaptor.forClass(AuthenticateUserCommand.class);
        when(commands.send(sent.capture(), eq(USER))).thenAnswer(call ->
                new AuthenticatedUser(USER, Role.USER, ((AuthenticateUserCommand) call.getArgument(0)).sessionId()));

        TokenIssuer.Tokens tokens = login.login("Ann@example.com", "pw", IP);

        AuthenticateUserCommand command = sent.getValue();
        assertThat(command.userId()).isEqualTo(USER);
        assertThat(command.password()).isEqualTo("pw");
        assertThat(command.method()).isEqualTo("password");
        assertThat(command.refreshTokenHash()).isEqualTo(RefreshTokens.hash(tokens.refreshToken()));
        assertThat(RefreshTokens.parse(tokens.refreshToken()).orElseThrow().sessionId()).isEqualTo(command.sessionId());
        assertThat(JWT.verify(tokens.accessToken()).sessionId()).isEqualTo(command.sessionId());
        verify(throttle).reset("ann@example.com");
        verify(throttle, never()).recordFailure(anyString(), anyString());
    }

    @Test
    void aWrongPasswordBelowTheLimitCountsButDoesNotLockTheAccount() {
        when(claims.findUserId(IdentityClaims.Type.EMAIL, "ann@example.com")).thenReturn(Optional.of(USER));
        when(commands.send(any(AuthenticateUserCommand.class), eq(USER))).thenThrow(IdentityErrors.badCredentials());
        when(throttle.recordFailure("ann@example.com", IP)).thenReturn(4L);

        assertThatThrownBy(() -> login.login("ann@example.com", "wrong", IP))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("bad_credentials");
        verify(commands, never()).send(any(LockOutUserCommand.class), anyString());
        verify(throttle, never()).reset(anyString());
    }

    @Test
    void theFailureThatReachesTheLimitLocksTheAccountUntilTheWindowEnds() {
        when(claims.findUserId(IdentityClaims.Type.EMAIL, "ann@example.com")).thenReturn(Optional.of(USER));
        when(commands.send(any(AuthenticateUserCommand.class), eq(USER))).thenThrow(IdentityErrors.badCredentials());
        when(throttle.recordFailure("ann@example.com", IP)).thenReturn(5L);

        assertThatThrownBy(() -> login.login("ann@example.com", "wrong", IP))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("bad_credentials");
        verify(commands).send(new LockOutUserCommand(USER, NOW.plus(WINDOW), 5), USER);
    }

    @Test
    void otherRefusalsAreNotPasswordFailures() {
        when(claims.findUserId(IdentityClaims.Type.EMAIL, "ann@example.com")).thenReturn(Optional.of(USER));
        when(commands.send(any(AuthenticateUserCommand.class), eq(USER))).thenThrow(IdentityErrors.inactive());

        assertThatThrownBy(() -> login.login("ann@example.com", "pw", IP))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("account_inactive");
        verify(throttle, never()).recordFailure(anyString(), anyString());
        verify(commands, never()).send(any(LockOutUserCommand.class), anyString());
    }

    @Test
    void theUnknownUserCheckUsesARealHash() {
        PasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        PasswordEncoder spy = org.mockito.Mockito.spy(bcrypt);
        PasswordLogin real = new PasswordLogin(commands, claims, spy, throttle, new TokenIssuer(JWT), Clock.systemUTC());
        when(claims.findUserId(any(), anyString())).thenReturn(Optional.empty());
        ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
        assertThatThrownBy(() -> real.login("nobody@example.com", "pw", IP)).isInstanceOf(DomainException.class);
        verify(spy).matches(eq("pw"), hash.capture());
        assertThat(hash.getValue()).startsWith("$2a$04$");
    }
}
