package io.wework.identity.command;

import io.wework.platform.redis.RedisRateLimiter;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits on password login: per account (keyed by the normalized login name, so unknown
 * and known accounts behave alike) and per client address, taken atomically before the password is
 * checked (see {@link PasswordAttemptThrottle}). Past either limit the answer is 429
 * {@code too_many_login_attempts} with {@code Retry-After}. Limits: {@link LoginLimits}.
 */
@Component
public class LoginThrottle extends PasswordAttemptThrottle {

    static final String ACCOUNT = "wework:auth:login-fail:acct:";
    static final String ADDRESS = "wework:auth:login-fail:ip:";

    public LoginThrottle(RedisRateLimiter limiter, LoginLimits limits) {
        super(limiter, limits, ACCOUNT, ADDRESS, "too_many_login_attempts", "Too many failed logins; try again later",
                "Login is unavailable right now; retry later");
    }
}
