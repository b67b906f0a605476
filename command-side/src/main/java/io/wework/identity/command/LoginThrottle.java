package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import java.time.Duration;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits on password login, as Redis counters over a sliding window: per account
 * (keyed by the normalized login name, so unknown and known accounts behave alike) and per client
 * address. Past the limit the answer is 429 with {@code Retry-After}. Limits: {@link LoginLimits}.
 */
@Component
public class LoginThrottle {

    static final String ACCOUNT = "wework:auth:login-fail:acct:";
    static final String ADDRESS = "wework:auth:login-fail:ip:";

    private final StringRedisTemplate redis;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;

    public LoginThrottle(StringRedisTemplate redis, LoginLimits limits) {
        this.redis = redis;
        this.maxPerAccount = limits.maxFailuresPerAccount();
        this.maxPerAddress = limits.maxFailuresPerAddress();
        this.window = limits.window();
    }

    public int maxPerAccount() {
        return maxPerAccount;
    }

    public Duration window() {
        return window;
    }

    /** Refuses with 429 while either counter is at its limit. */
    public void checkAllowed(String login, String address) {
        try {
            List<String> counts = redis.opsForValue().multiGet(List.of(ACCOUNT + login, ADDRESS + address));
            check(counts.get(0), maxPerAccount, ACCOUNT + login);
            check(counts.get(1), maxPerAddress, ADDRESS + address);
        } catch (DataAccessException e) {
            throw unavailable();
        }
    }

    private void check(String count, int max, String key) {
        if (count != null && Long.parseLong(count) >= max) {
            Long ttl = redis.getExpire(key);
            throw new TooManyRequestsException("too_many_login_attempts", "Too many failed logins; try again later",
                    ttl == null || ttl < 0 ? window.toSeconds() : ttl);
        }
    }

    /** @return the account's failures in the current window, this one included. */
    public long recordFailure(String login, String address) {
        try {
            Long account = increment(ACCOUNT + login);
            increment(ADDRESS + address);
            return account == null ? 0 : account;
        } catch (DataAccessException e) {
            throw unavailable();
        }
    }

    public void reset(String login) {
        try {
            redis.delete(ACCOUNT + login);
        } catch (DataAccessException e) {
            // the window expires on its own
        }
    }

    private Long increment(String key) {
        Long value = redis.opsForValue().increment(key);
        if (value != null && value == 1) {
            redis.expire(key, window);
        }
        return value;
    }

    private static DomainException unavailable() {
        return new DomainException(DomainException.Kind.UNAVAILABLE, "dependency_unavailable",
                "Login is unavailable right now; retry later");
    }
}
