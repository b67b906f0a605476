package io.wework.identity.projection;

import io.wework.platform.redis.AfterCommitCacheWriter;
import io.wework.platform.security.AccessTokenGuard;
import io.wework.platform.security.AuthenticatedUser;
import java.time.Duration;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
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
 * The scheme and its scripts are {@link VersionedEntries}, shared with the profile cache ({@link UserCache}).
 * When Redis is down the guard cannot check cheaply, and answers 503 rather than reading the database for
 * every request or letting the request through unchecked.
 */
@Component
public class AuthStateGuard implements AccessTokenGuard {

    static final String PREFIX = "wework:auth:access:";
    static final Duration TTL = Duration.ofDays(7);
    /** How long after a mark a commit may still come (see {@link VersionedEntries}). */
    static final Duration MARK_WINDOW = VersionedEntries.MARK_WINDOW;

    private final VersionedEntries entries;
    private final UserRowReader rows;

    public AuthStateGuard(StringRedisTemplate redis, UserRowReader rows, AfterCommitCacheWriter writer) {
        this.entries = new VersionedEntries(redis, writer, PREFIX, TTL);
        this.rows = rows;
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
        String value;
        try {
            value = entries.servable(userId);
        } catch (DataAccessException e) {
            throw new Unavailable("Cannot check the token's session: Redis is unavailable", e);
        }
        return value == null ? null : AuthState.decode(value);
    }

    private void putBack(String userId, AuthState state) {
        entries.putBack(userId, state.version(), state.encode());
    }

    /** Drops every access-state entry (a replay starts); misses are answered by {@link UserRowReader}. */
    void dropAll() {
        entries.dropAll();
    }

    /**
     * From the projection, inside the command's transaction before it commits: from now on no state older
     * than {@code version} is served. Throws when Redis cannot be told (the command then stores nothing).
     */
    void markBeforeCommit(String userId, long version) {
        entries.markBeforeCommit(userId, version, "access state");
    }

    /** From the projection, inside its transaction: the row's state is cached once the transaction commits. */
    void refreshAfterCommit(UserEntity user) {
        AuthState state = AuthState.of(user);
        entries.writeAfterCommit(user.getId(), state.version(), state.encode());
    }
}
