package io.wework.identity.command;

import static io.wework.identity.command.TokenIssuerTest.JWT;
import static io.wework.identity.command.TokenIssuerTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.LogOutCommand;
import io.wework.identity.api.RefreshSessionCommand;
import io.wework.identity.api.Role;
import io.wework.platform.messaging.CommandSender;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SessionsTest {

    private static final String SESSION = "11111111-1111-1111-1111-111111111111";
    private static final Instant EXPIRES = Instant.parse("2026-11-26T11:00:00Z");

    private final CommandSender commands = mock(CommandSender.class);
    private final TokenIssuer issuer = new TokenIssuer(JWT);
    private final Sessions sessions = new Sessions(commands, issuer);

    @Test
    void aRefreshRotatesTheTokenWithinItsSession() {
        String presented = issuer.nextInSession(USER, SESSION).token();
        ArgumentCaptor<RefreshSessionCommand> sent = ArgumentCaptor.forClass(RefreshSessionCommand.class);
        when(commands.send(sent.capture(), eq(USER))).thenReturn(new AuthenticatedUser(USER, Role.USER, SESSION));

        TokenIssuer.Tokens tokens = sessions.refresh(presented);

        RefreshSessionCommand command = sent.getValue();
        assertThat(command.userId()).isEqualTo(USER);
        assertThat(command.sessionId()).isEqualTo(SESSION);
        assertThat(command.presentedRefreshTokenHash()).isEqualTo(RefreshTokens.hash(presented));
        assertThat(tokens.refreshToken()).isNotEqualTo(presented).startsWith("rt1." + USER + "." + SESSION + ".");
        assertThat(command.newRefreshTokenHash()).isEqualTo(RefreshTokens.hash(tokens.refreshToken()));
        assertThat(JWT.verify(tokens.accessToken()).sessionId()).isEqualTo(SESSION);
    }

    @Test
    void aMalformedTokenIsRefusedWithoutACommand() {
        assertThatThrownBy(() -> sessions.refresh("rt1.not-a-token")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_refresh_token"));
        verifyNoInteractions(commands);
    }

    @Test
    void aTokenOfAnUnknownUserIsRefused() {
        when(commands.send(any(RefreshSessionCommand.class), eq(USER))).thenThrow(new AggregateNotFoundException(USER, "no"));
        assertThatThrownBy(() -> sessions.refresh(issuer.newSession(USER).token()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_refresh_token"));
    }

    @Test
    void aSpentTokenIsRefused() {
        when(commands.send(any(RefreshSessionCommand.class), eq(USER))).thenReturn(null);
        assertThatThrownBy(() -> sessions.refresh(issuer.newSession(USER).token()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("invalid_refresh_token"));
    }

    @Test
    void logoutEndsTheSessionOfTheAccessToken() {
        sessions.logout(caller(SESSION), issuer.newSession(USER).token());
        verify(commands).send(new LogOutCommand(USER, SESSION, "jti-1", EXPIRES));
    }

    @Test
    void withoutASessionInTheAccessTokenLogoutEndsTheCallersOwnRefreshTokensSession() {
        sessions.logout(caller(null), issuer.nextInSession(USER, SESSION).token());
        verify(commands).send(new LogOutCommand(USER, SESSION, "jti-1", EXPIRES));
    }

    @Test
    void anotherUsersRefreshTokenEndsNoSession() {
        String someoneElses = issuer.nextInSession("0193f1b2-0000-7000-8000-000000000002", SESSION).token();
        sessions.logout(caller(null), someoneElses);
        verify(commands).send(new LogOutCommand(USER, "none", "jti-1", EXPIRES));
    }

    @Test
    void logoutWithNothingToNameASessionStillRevokesTheAccessToken() {
        sessions.logout(caller(null), null);
        verify(commands).send(new LogOutCommand(USER, "none", "jti-1", EXPIRES));
    }

    static io.wework.platform.security.AuthenticatedUser caller(String sessionId) {
        var caller = mock(io.wework.platform.security.AuthenticatedUser.class);
        when(caller.userId()).thenReturn(USER);
        when(caller.sessionId()).thenReturn(sessionId);
        when(caller.tokenId()).thenReturn("jti-1");
        when(caller.expiresAt()).thenReturn(EXPIRES);
        return caller;
    }
}
