package io.wework.platform.security;

import java.util.Optional;

/**
 * Checks a verified access token against the account's current state, on every request: a
 * deactivated account, a changed role, a password change after the token was issued, or the end of
 * the token's session ({@code sid}: logout, a replayed refresh token, …) refuse it at once, not only
 * when it expires. The identity feature implements it; the live event stream asks it again before
 * each delivery.
 */
public interface AccessTokenGuard {

    /** @return why the token must be refused, or empty when it may be used. */
    Optional<String> refusal(AuthenticatedUser user);

    /** The guard's store is down: the request is answered 503, never let through unchecked. */
    class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
