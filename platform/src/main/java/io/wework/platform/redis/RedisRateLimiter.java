package io.wework.platform.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in Redis, each checked and charged in one atomic step: a Lua script that
 * refuses when any of the counters given is at its maximum, and otherwise adds one to every one of
 * them and gives a new counter its expiry, all before any other command runs on the server. Races
 * therefore cannot push a counter past its maximum (no check-then-act), a request refused by one
 * limit charges none of the others, and no counter can be left without an expiry (a counter found
 * without one, as a crash between a separate INCR and EXPIRE would leave, gets its window back).
 * <p>
 * A caller that charged a counter for an attempt that turned out not to count (a right password,
 * a failed delivery) gives the charge back with {@link #giveBack}. Errors reaching Redis come out
 * as Spring's {@code DataAccessException}; each caller decides what an unreachable Redis means.
 */
@Component
public class RedisRateLimiter {

    /** {@code key} may be charged {@code max} times within {@code window} of its first charge. */
    public record Limit(String key, long max, Duration window) {
        public Limit {
            if (max < 1 || window.toMillis() < 1) {
                throw new IllegalArgumentException("A limit needs max >= 1 and a window of at least 1 ms: " + key);
            }
        }
    }

    /**
     * What {@link #take} decided: allowed, with each counter's value after the charge (in the order
     * the limits were given), or refused, with how long until every refusing counter has expired.
     */
    public record Decision(boolean allowed, List<Long> counts, Duration retryAfter) {

        /** {@link #retryAfter()} in whole seconds, at least 1 (for {@code Retry-After}). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /**
     * KEYS: the counters; ARGV: max and window (ms) of each, in pairs. Returns {0, ms to wait} when a
     * counter is at its max (nothing charged), else {1, count of each counter after the charge}.
     */
    private static final DefaultRedisScript<List> TAKE = new DefaultRedisScript<>("""
            local wait = -1
            for i, key in ipairs(KEYS) do
              local count = tonumber(redis.call('GET', key) or '0')
              if count >= tonumber(ARGV[2 * i - 1]) then
                local ttl = redis.call('PTTL', key)
                if ttl < 0 then
                  ttl = tonumber(ARGV[2 * i])
                  redis.call('PEXPIRE', key, ttl)
                end
                if ttl > wait then wait = ttl end
              end
            end
            if wait >= 0 then return {0, wait} end
            local result = {1}
            for i, key in ipairs(KEYS) do
              result[i + 1] = redis.call('INCR', key)
              if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[2 * i]) end
            end
            return result
            """, List.class);

    /** Takes one charge back from each existing counter above zero; creates nothing, keeps the expiry. */
    private static final DefaultRedisScript<Long> GIVE_BACK = new DefaultRedisScript<>("""
            for _, key in ipairs(KEYS) do
              if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    public RedisRateLimiter(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Charges one to every counter, or to none when any of them is at its maximum. */
    public Decision take(Limit... limits) {
        List<String> keys = new ArrayList<>(limits.length);
        String[] args = new String[limits.length * 2];
        for (int i = 0; i < limits.length; i++) {
            keys.add(limits[i].key());
            args[2 * i] = Long.toString(limits[i].max());
            args[2 * i + 1] = Long.toString(limits[i].window().toMillis());
        }
        List<?> result = redis.execute(TAKE, keys, (Object[]) args);
        if (result == null || result.isEmpty()) {
            throw new IllegalStateException("The rate-limit script answered nothing");
        }
        if (((Number) result.get(0)).longValue() == 0) {
            return new Decision(false, List.of(), Duration.ofMillis(((Number) result.get(1)).longValue()));
        }
        List<Long> counts = result.subList(1, result.size()).stream().map(n -> ((Number) n).longValue()).toList();
        return new Decision(true, counts, Duration.ZERO);
    }

    /** Gives back one charge of each counter (an attempt that did not count after all). */
    public void giveBack(String... keys) {
        redis.execute(GIVE_BACK, List.of(keys));
    }

    /** Forgets the counters (e.g. an account's failures once it logged in). */
    public void reset(String... keys) {
        redis.delete(List.of(keys));
    }
}
