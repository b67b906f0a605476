package io.wework.identity.command;

import io.wework.common.api.TooManyRequestsException;
import io.wework.platform.redis.RedisRateLimiter;
import io.wework.platform.redis.RedisRateLimiter.Limit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Sign-ups per client address ({@link RegistrationLimits}), checked and charged in one atomic step
 * before anything costly (the e-mail lookup, the BCrypt hash): of any number of parallel sign-ups,
 * at most the limit go on; the others get 429 {@code too_many_registrations} with
 * {@code Retry-After}. A sign-up refused later (e-mail taken) stays counted, so the endpoint is no
 * faster an oracle of registered e-mails than the limit allows.
 * <p>
 * Redis unreachable: the sign-up goes on (logged). Registration writes only to the event store and
 * keeps working through a Redis outage; refusing every sign-up then would cost more than a short
 * unthrottled window.
 */
@Component
public class RegistrationThrottle {

    private static final Logger log = LoggerFactory.getLogger(RegistrationThrottle.class);
    static final String ADDRESS = "wework:auth:register:ip:";

    private final RedisRateLimiter limiter;
    private final RegistrationLimits limits;

    public RegistrationThrottle(RedisRateLimiter limiter, RegistrationLimits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    /** Charges one sign-up to {@code address}, or refuses with 429 when its allowance is spent. */
    public void charge(String address) {
        RedisRateLimiter.Decision decision;
        try {
            decision = limiter.take(new Limit(ADDRESS + address, limits.maxPerAddress(), limits.window()));
        } catch (DataAccessException e) {
            log.warn("Sign-up limit not checked, Redis is unreachable: {}", e.getMessage());
            return;
        }
        if (!decision.allowed()) {
            throw new TooManyRequestsException("too_many_registrations", "Too many sign-ups from this address; try again later",
                    decision.retryAfterSeconds());
        }
    }
}
