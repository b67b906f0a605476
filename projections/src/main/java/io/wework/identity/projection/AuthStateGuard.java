package io.wework.identity.projection;

import io.wework.platform.redis.AfterCommitCacheWriter;
import io.wework.platform.security.AccessTokenGuard;
import io.wework.platform.security.AuthenticatedUser;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The identity feature's {@link AccessTokenGuard}: one Redis round trip per request (the account's
 * {@link AuthState} and the token's denial mark), falling back to {@code users_view} (checked against
 * the event store, {@link UserRowReader}) when the state entry is missing. The inline users
 * projection writes both right after each command's commit, so a change holds from the caller's next
 * request on.
 * When Redis is down the guard cannot tell a logged-out token from a live one and refuses with 503.
 */
@Component
public class AuthStateGuard implements AccessTokenGuard {

    static final String STATE = "wework:auth:state:";
    static final String DENIED = "wework:auth:denied:";
    static final Duration STATE_TTL = Duration.ofDays(7);

    private final StringRedisTemplate redis;
    private final UserRowReader rows;
    private final AfterCommitCacheWriter writer;

    public AuthStateGuard(StringRedisTemplate redis, UserRowReader rows, AfterCommitCacheWriter writer) {
        this.redis = redis;
        this.rows = rows;
        this.writer = writer;
    }

    @Override
    public Optional<String> refusal(AuthenticatedUser user) {
        List<String> values;
        try {
            values = redis.opsForValue().multiGet(Arrays.asList(STATE + user.userId(),
                    DENIED + (user.tokenId() == null ? "-" : user.tokenId())));
        } catch (DataAccessException e) {
            throw new Unavailable("Cannot check the token's revocation: Redis is unavailable", e);
        }
        if (values != null && values.get(1) != null) {
            return Optional.of("Token has been revoked");
        }
        AuthState state;
        if (values != null && values.get(0) != null) {
            state = AuthState.decode(values.get(0));
        } else {
            Optional<UserEntity> row = rows.current(user.userId());
            if (row.isEmpty()) {
                return Optional.of("Unknown account");
            }
            state = AuthState.of(row.get());
            try {
                redis.opsForValue().setIfAbsent(STATE + user.userId(), state.encode(), STATE_TTL);
            } catch (DataAccessException ignored) {
                // next request tries again
            }
        }
        if (!state.active()) {
            return Optional.of("Account is deactivated");
        }
        if (!state.role().wireName().equals(user.role())) {
            return Optional.of("Your role changed; log in again");
        }
        if (user.issuedAt() != null && user.issuedAt().toEpochMilli() < state.tokensNotBeforeMillis()) {
            return Optional.of("Token was issued before a password change; log in again");
        }
        return Optional.empty();
    }

    /** Drops every access-state entry (a replay starts); misses are answered by {@link UserRowReader}. */
    void dropAll() {
        RedisKeys.deleteByPrefix(redis, STATE);
    }

    /** From the projection, inside its transaction. */
    void refreshAfterCommit(UserEntity user) {
        writer.put(STATE + user.getId(), AuthState.of(user).encode(), STATE_TTL);
    }

    /** From the projection: deny an access token until it expires. */
    void denyAfterCommit(String tokenId, Instant expiresAt, Instant now) {
        if (tokenId == null || expiresAt == null || !expiresAt.isAfter(now)) {
            return;
        }
        writer.put(DENIED + tokenId, "1", Duration.between(now, expiresAt).plusSeconds(5));
    }
}
