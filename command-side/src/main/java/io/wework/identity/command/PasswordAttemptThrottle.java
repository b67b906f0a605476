package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import io.wework.platform.redis.RedisRateLimiter;
import io.wework.platform.redis.RedisRateLimiter.Limit;
import java.time.Duration;
import org.springframework.dao.DataAccessException;

/**
 * Brute-force limits on password checks: per subject (an account, or a login name) and per client
 * address, counted over a fixed window in Redis. An attempt takes its place in both counters
 * <em>before</em> the password is checked, in one atomic step ({@link RedisRateLimiter}): of any
 * number of parallel attempts, at most the limit get to BCrypt; the others are refused with 429 and
 * {@code Retry-After} without costing anything. Once the check is done, the attempt is settled:
 * a wrong password stays counted, a right one forgives the subject's failures and gives the address
 * its place back, and anything else (a locked or inactive account, an error) gives both back.
 * Redis unreachable: 503, never an unchecked pass.
 */
abstract class PasswordAttemptThrottle {

    private final RedisRateLimiter limiter;
    private final String subjectPrefix;
    private final String addressPrefix;
    private final String refusalCode;
    private final String refusalMessage;
    private final String unavailableMessage;
    private final int maxPerSubject;
    private final int maxPerAddress;
    private final Duration window;

    PasswordAttemptThrottle(RedisRateLimiter limiter, LoginLimits limits, String subjectPrefix, String addressPrefix,
                            String refusalCode, String refusalMessage, String unavailableMessage) {
        this.limiter = limiter;
        this.subjectPrefix = subjectPrefix;
        this.addressPrefix = addressPrefix;
        this.refusalCode = refusalCode;
        this.refusalMessage = refusalMessage;
        this.unavailableMessage = unavailableMessage;
        this.maxPerSubject = limits.maxFailuresPerAccount();
        this.maxPerAddress = limits.maxFailuresPerAddress();
        this.window = limits.window();
    }

    public int maxPerAccount() {
        return maxPerSubject;
    }

    public Duration window() {
        return window;
    }

    /** One password check under way; settle it exactly once with {@link #failed}, {@link #succeeded} or {@link #cancel}. */
    public final class Attempt {
        private final String subjectKey;
        private final String addressKey;
        private final long subjectCount;
        private boolean settled;

        private Attempt(String subjectKey, String addressKey, long subjectCount) {
            this.subjectKey = subjectKey;
            this.addressKey = addressKey;
            this.subjectCount = subjectCount;
        }

        /**
         * The password was wrong: the attempt stays counted.
         *
         * @return the subject's failures in the current window, this one included (attempts still under way count)
         */
        public long failed() {
            settled = true;
            return subjectCount;
        }

        /** The password was right: the subject's failures are forgotten and the address gets its place back. */
        public void succeeded() {
            settle(() -> {
                limiter.reset(subjectKey);
                limiter.giveBack(addressKey);
            });
        }

        /** The attempt ended without a verdict on the password: it counts as nothing. */
        public void cancel() {
            settle(() -> limiter.giveBack(subjectKey, addressKey));
        }

        private void settle(Runnable action) {
            if (settled) {
                return;
            }
            settled = true;
            try {
                action.run();
            } catch (DataAccessException e) {
                // the counters expire with their window; the answer does not depend on them any more
            }
        }
    }

    /** Takes a place for one attempt in both the subject's and the address's counters, or refuses with 429. */
    public Attempt begin(String subject, String address) {
        String subjectKey = subjectPrefix + subject;
        String addressKey = addressPrefix + address;
        RedisRateLimiter.Decision decision;
        try {
            decision = limiter.take(new Limit(subjectKey, maxPerSubject, window), new Limit(addressKey, maxPerAddress, window));
        } catch (DataAccessException e) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "dependency_unavailable", unavailableMessage);
        }
        if (!decision.allowed()) {
            throw new TooManyRequestsException(refusalCode, refusalMessage, decision.retryAfterSeconds());
        }
        return new Attempt(subjectKey, addressKey, decision.counts().get(0));
    }
}
