package io.wework.identity.projection;

import io.wework.platform.redis.AfterCommitCacheWriter;
import io.wework.platform.security.AccessTokenGuard;
import io.wework.platform.security.AuthenticatedUser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The identity feature's {@link AccessTokenGuard}. A token is accepted while its account is active, its
 * role is the account's role, it was not issued before a password change, and its session ({@code sid})
 * has not ended. That state ({@link AuthState}) lives in {@code users_view}, written in each command's
 * transaction by the inline users projection; Redis only caches it, and a cached copy that may be stale is
 * never served.
 * <p>
 * <b>The cache.</b> One Redis hash per user, {@code wework:auth:access:<id>}: {@code s} the state with the
 * row version it was taken from, {@code m} the lowest version a served state must have, {@code t} when
 * {@code m} was last marked (Redis' clock, seconds).
 * <ul>
 * <li>Before a command that changes the state commits, {@link #markBeforeCommit} raises {@code m} to the
 * new row version, synchronously; if Redis cannot be told, the command fails (503) and nothing is stored.
 * From then on the old {@code s} is not served, whatever happens to the cache write after the commit.</li>
 * <li>After the commit {@link #refreshAfterCommit} writes {@code s} (pipelined with the other cache entries,
 * only if newer than the one there).</li>
 * <li>A request reads {@code s} and {@code m} in one round trip ({@code HMGET}) and serves {@code s} only when
 * its version is at least {@code m}. Otherwise — no entry (Redis lost its data), or an entry behind its mark
 * (the write after the commit failed, or the command has not committed yet) — it reads the row
 * ({@link UserRowReader}, checked against the event store) and puts it back, unless a command marked a
 * newer version less than {@link #MARK_WINDOW} ago (it may still commit). A mark no commit followed (a
 * rollback) is dropped by the first reader after the window.</li>
 * </ul>
 * When Redis is down the guard cannot check cheaply, and answers 503 rather than reading the database for
 * every request or letting the request through unchecked.
 */
@Component
public class AuthStateGuard implements AccessTokenGuard {

    static final String PREFIX = "wework:auth:access:";
    static final Duration TTL = Duration.ofDays(7);
    /** How long after a mark a commit may still come: far above any transaction's time from prepare to commit. */
    static final Duration MARK_WINDOW = Duration.ofMinutes(1);

    private static final String STATE = "s";
    private static final String MIN = "m";

    /** KEYS[1]; ARGV: version, ttl seconds. Raises m (never lowers it), stamps t, refreshes the TTL. */
    private static final RedisScript<Long> MARK = RedisScript.of("""
            local m = redis.call('HGET', KEYS[1], 'm')
            if (not m) or tonumber(m) < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'm', ARGV[1]) end
            redis.call('HSET', KEYS[1], 't', redis.call('TIME')[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1
            """, Long.class);

    /** KEYS[1]; ARGV: version, state, ttl seconds. After a commit: writes s unless the one there is as new. */
    private static final String WRITE = """
            local s = redis.call('HGET', KEYS[1], 's')
            if s and tonumber(string.match(s, '^(%-?%d+)|')) >= tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], 's', ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            return 1
            """;

    /**
     * KEYS[1]; ARGV: version, state, ttl seconds, mark window seconds. A reader puts back the state it read
     * from the database: not while a newer version's command may still commit (a mark above it, younger than
     * the window), and not over a newer state. A mark above it and older than the window belongs to a command
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
    private final UserRowReader rows;
    private final AfterCommitCacheWriter writer;

    public AuthStateGuard(StringRedisTemplate redis, UserRowReader rows, AfterCommitCacheWriter writer) {
        this.redis = redis;
        this.rows = rows;
        this.writer = writer;
    }

    static String key(String userId) {
        return PREFIX + userId;
    }

    @Override
    public Optional<String> refusal(AuthenticatedUser user) {
        if (user.sessionId() == null) {
            return Optional.of("Token has no session; log in again");
        }
        AuthState state = cached(user.userId());
        if (state == null) {
            Optional<UserEntity> row = rows.current(user.userId());
            if (row.isEmpty()) {
                return Optional.of("Unknown account");
            }
            state = AuthState.of(row.get());
            putBack(user.userId(), state);
        }
        if (!state.active()) {
            return Optional.of("Account is deactivated");
        }
        if (!state.role().wireName().equals(user.role())) {
            return Optional.of("Your role changed; log in again");
        }
        if (!state.sessions().contains(user.sessionId())) {
            return Optional.of("Session has ended; log in again");
        }
        if (user.issuedAt() != null && user.issuedAt().toEpochMilli() < state.tokensNotBeforeMillis()) {
            return Optional.of("Token was issued before a password change; log in again");
        }
        return Optional.empty();
    }

    /** The cached state when it may be served, else {@code null} (read the database). One round trip. */
    AuthState cached(String userId) {
        List<Object> values;
        try {
            values = redis.opsForHash().multiGet(key(userId), List.of(STATE, MIN));
        } catch (DataAccessException e) {
            throw new Unavailable("Cannot check the token's session: Redis is unavailable", e);
        }
        if (values == null || values.get(0) == null) {
            return null;
        }
        AuthState state = AuthState.decode((String) values.get(0));
        Object min = values.get(1);
        return min == null || state.version() >= Long.parseLong((String) min) ? state : null;
    }

    private void putBack(String userId, AuthState state) {
        try {
            redis.execute(REPOPULATE, List.of(key(userId)), Long.toString(state.version()), state.encode(),
                    Long.toString(TTL.toSeconds()), Long.toString(MARK_WINDOW.toSeconds()));
        } catch (RuntimeException ignored) {
            // the next request reads the database again
        }
    }

    /** Drops every access-state entry (a replay starts); misses are answered by {@link UserRowReader}. */
    void dropAll() {
        RedisKeys.deleteByPrefix(redis, PREFIX);
    }

    /**
     * From the projection, inside the command's transaction before it commits: from now on no state older
     * than {@code version} is served. Throws when Redis cannot be told (the command then stores nothing).
     */
    void markBeforeCommit(String userId, long version) {
        try {
            redis.execute(MARK, List.of(key(userId)), Long.toString(version), Long.toString(TTL.toSeconds()));
        } catch (RuntimeException e) {
            throw new DataAccessResourceFailureException(
                    "Cannot invalidate the cached access state of " + userId + ": Redis is unavailable", e);
        }
    }

    /** From the projection, inside its transaction: the row's state is cached once the transaction commits. */
    void refreshAfterCommit(UserEntity user) {
        AuthState state = AuthState.of(user);
        writer.eval(WRITE, key(user.getId()), Long.toString(state.version()), state.encode(), Long.toString(TTL.toSeconds()));
    }
}
