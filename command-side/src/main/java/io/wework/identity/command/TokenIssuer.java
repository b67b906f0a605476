package io.wework.identity.command;

import io.wework.identity.api.AuthenticatedUser;
import io.wework.platform.security.JwtService;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Mints a session's tokens: the opaque refresh token (before the command that stores its hash) and
 * the access JWT (after the command answered who the user is, with which role, in which session).
 */
@Component
public class TokenIssuer {

    /** A refresh token and what the aggregate stores of it. */
    public record RefreshToken(String sessionId, String token) {
        public String hash() {
            return RefreshTokens.hash(token);
        }

        @Override
        public String toString() {
            return "RefreshToken[session=" + sessionId + "]";
        }
    }

    /** An access token, its lifetime, and the refresh token that goes with it. */
    public record Tokens(String accessToken, long expiresInSeconds, String refreshToken) {
        @Override
        public String toString() {
            return "Tokens[]";
        }
    }

    private final JwtService jwt;

    public TokenIssuer(JwtService jwt) {
        this.jwt = jwt;
    }

    /** The refresh token of a session that starts now. */
    public RefreshToken newSession(String userId) {
        return nextInSession(userId, UUID.randomUUID().toString());
    }

    /** A fresh refresh token for a session that goes on (rotation, password change). */
    public RefreshToken nextInSession(String userId, String sessionId) {
        return new RefreshToken(sessionId, RefreshTokens.newToken(userId, sessionId));
    }

    /**
     * @param notBefore when set and later than now, the access token's issue time: it must not look
     *                  older than a change that invalidated the tokens before it
     */
    public Tokens issue(AuthenticatedUser user, RefreshToken refreshToken, Instant notBefore) {
        JwtService.IssuedToken access = jwt.issueAccessToken(user.userId(), user.role().wireName(), user.sessionId(), notBefore);
        return new Tokens(access.token(), access.expiresInSeconds(), refreshToken.token());
    }
}
