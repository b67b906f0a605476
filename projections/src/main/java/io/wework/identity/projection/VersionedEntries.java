package io.wework.identity.projection;

import io.wework.platform.redis.AfterCommitCacheWriter;
import java.time.Duration;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Redis entries of {@code users_view} rows that are never served stale: one hash per user under
 * {@code prefix}, with {@code s} the value taken from a row ({@code "<row version>|<payload>"}), {@code m}
 * the lowest version a served value must have and {@code t} when {@code m} was last marked (Redis' clock,
 * seconds). A command that changes the row marks {@code m} before it commits ({@link #markBeforeCommit});
 * the value is written after the commit ({@link #writeAfterCommit}) only over an older one; a reader serves
 * {@code s} only when it is not behind {@code m} ({@link #servable}, one {@code HMGET}) and otherwise reads
 * the row and puts it back ({@link #putBack}) unless a command marked a newer version less than
 * {@link #MARK_WINDOW} ago. Used by {@link AuthStateGuard} and {@link UserCache}.
 */
final class VersionedEntries {

    /** How long after a mark a commit may still come: far above any transaction's time from prepare to commit. */
    static final Duration MARK_WINDOW = Duration.ofMinutes(1);

    private static final String VALUE = "s";
    private static final String MIN = "m";

    /** KEYS[1]; ARGV: version, ttl seconds. Raises m (never lowers it), stamps t, refreshes the TTL. */
    private static final RedisScript<Long> MARK = RedisScript.of("""
            local m = redis.call('HGET', KEYS[1], 'm')
            if (not m) or tonumber(m) < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'm', ARGV[1]) end
            redis.call('HSET', KEYS[1], 't', redis.call('TIME')[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    /** KEYS[1]; ARGV: version, value, ttl seconds. After a commit: writes s unless the one there is as new. */
    private static final String WRITE = """
            local s = redis.call('HGET', KEYS[1], 's')
            if s and tonumber(string.match(s, '^(%-?%d+)|')) >= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 's', ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return 1
            """;

    /**
     * KEYS[1]; ARGV: version, value, ttl seconds, mark window seconds. A reader puts back the value it read
     * from the database: not while a newer version's command may still commit (a mark above it, younger than
     * the window), and not over a newer value. A mark above it and older than the window belongs to a command
     * that rolled back (one that committed would have shown its version in the database): it is dropped.
     */
    private static final RedisScript<Long> REPOPULATE = RedisScript.of("""
            local m = redis.call('HGET', KEYS[1], 'm')
            if m and tonumber(m) > tonumber(ARGV[1]) then
              local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
              if tonumber(redis.call('TIME')[1]) - t < tonumber(ARGV[4]) then return 0 end
              redis.call('HDEL', KEYS[1], 'm', 't')
            end
            local s = redis.call('HGET', KEYS[1], 's')
            if s and tonumber(string.match(s, '^(%-?%d+)|')) >= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 's', ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final AfterCommitCacheWriter writer;
    private final String prefix;
    private final Duration ttl;

    VersionedEntries(StringRedisTemplate redis, AfterCommitCacheWriter writer, String prefix, Duration ttl) {
        this.redis = redis;
        this.writer = writer;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    String key(String userId) {
        return prefix + userId;
    }

    /** {@code version|payload}, the form every stored value has. */
    static String encode(long version, String payload) {
        return version + "|" + payload;
    }

    /** The payload of a stored value. */
    static String payload(String value) {
        return value.substring(value.indexOf('|') + 1);
    }

    /**
     * The stored value when it may be served, else {@code null} (read the database). One round trip;
     * throws {@link DataAccessException} when Redis cannot answer.
     */
    String servable(String userId) {
        List<Object> values = redis.opsForHash().multiGet(key(userId), List.of(VALUE, MIN));
        if (values == null || values.get(0) == null) {
            return null;
        }
        String value = (String) values.get(0);
        Object min = values.get(1);
        long version = Long.parseLong(value.substring(0, value.indexOf('|')));
        return min == null || version >= Long.parseLong((String) min) ? value : null;
    }

    /** After a read from the database: puts the row's value back, if no newer one may come. Never throws. */
    void putBack(String userId, long version, String value) {
        try {
            redis.execute(REPOPULATE, List.of(key(userId)), Long.toString(version), value,
                    Long.toString(ttl.toSeconds()), Long.toString(MARK_WINDOW.toSeconds()));
        } catch (RuntimeException ignored) {
            // the next request reads the database again
        }
    }

    /**
     * Inside the command's transaction, before it commits: from now on no value older than {@code version}
     * is served. Throws when Redis cannot be told (the command then stores nothing).
     */
    void markBeforeCommit(String userId, long version, String what) {
        try {
            redis.execute(MARK, List.of(key(userId)), Long.toString(version), Long.toString(ttl.toSeconds()));
        } catch (RuntimeException e) {
            throw new DataAccessResourceFailureException(
                    "Cannot invalidate the cached " + what + " of " + userId + ": Redis is unavailable", e);
        }
    }

    /** Inside the command's transaction: the row's value is written once the transaction commits. */
    void writeAfterCommit(String userId, long version, String value) {
        writer.eval(WRITE, key(userId), Long.toString(version), value, Long.toString(ttl.toSeconds()));
    }

    /** Drops every entry under the prefix (a replay starts). */
    void dropAll() {
        RedisKeys.deleteByPrefix(redis, prefix);
    }
}
