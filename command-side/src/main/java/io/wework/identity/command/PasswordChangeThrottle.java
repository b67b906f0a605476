package io.wework.identity.command;

import io.wework.platform.redis.RedisRateLimiter;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits on the current password of {@code POST /api/auth/me/password}: whoever holds a
 * stolen access token must not be able to guess the password behind it any faster than through
 * login. Per account (the caller's user id) and per client address, with login's numbers
 * ({@link LoginLimits}) but counters of its own; taken atomically before the password is checked
 * (see {@link PasswordAttemptThrottle}). Past either limit: 429 {@code too_many_password_attempts}
 * with {@code Retry-After}. No lockout: the caller is signed in already.
 */
@Component
public class PasswordChangeThrottle extends PasswordAttemptThrottle {

    static final String ACCOUNT = "wework:auth:password-fail:acct:";
    static final String ADDRESS = "wework:auth:password-fail:ip:";

    public PasswordChangeThrottle(RedisRateLimiter limiter, LoginLimits limits) {
        super(limiter, limits, ACCOUNT, ADDRESS, "too_many_password_attempts",
                "Too many wrong current passwords; try again later", "Password changes are unavailable right now; retry later");
    }
}
