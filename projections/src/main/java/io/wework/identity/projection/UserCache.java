package io.wework.identity.projection;

import io.wework.platform.redis.AfterCommitCacheWriter;
import io.wework.platform.redis.CacheJson;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The Redis side of the users read model: one hash per user, {@code wework:identity:profile:{id}}, whose
 * {@code s} is {@code "<row version>|<CachedUser JSON>"}, TTL {@code wework.cache.user-ttl}. A cached
 * profile that may be stale is never served ({@link VersionedEntries}, the scheme of the access state):
 * a command that changes a user's row marks its version before it commits ({@link #markBeforeCommit},
 * the command fails with 503 when Redis cannot be told); the projection writes the entry after the
 * commit; a reader serves an entry only when it is not behind the mark, and otherwise reads the row and
 * puts it back.
 */
@Component
public class UserCache {

    private static final Logger log = LoggerFactory.getLogger(UserCache.class);
    static final String PREFIX = "wework:identity:profile:";

    private final VersionedEntries entries;

    public UserCache(StringRedisTemplate redis, AfterCommitCacheWriter writer, UserCacheSettings settings) {
        this.entries = new VersionedEntries(redis, writer, PREFIX, settings.userTtl());
    }

    public static String key(String userId) {
        return PREFIX + userId;
    }

    /**
     * From the projection, inside the command's transaction before it commits: from now on no profile
     * older than {@code version} is served. Throws when Redis cannot be told (the command then stores nothing).
     */
    void markBeforeCommit(String userId, long version) {
        entries.markBeforeCommit(userId, version, "profile");
    }

    /** From a projection, inside its transaction: applied after commit, unless a newer entry is there. */
    public void refreshAfterCommit(UserEntity user) {
        entries.writeAfterCommit(user.getId(), user.getVersion(), encode(user.toCached()));
    }

    /**
     * The cached profile when it may be served (one round trip); empty on a miss, on an entry behind its
     * mark and when Redis is unavailable (the caller reads the database).
     */
    public Optional<CachedUser> get(String userId) {
        try {
            String value = entries.servable(userId);
            return value == null ? Optional.empty()
                    : Optional.of(CacheJson.read(VersionedEntries.payload(value), CachedUser.class));
        } catch (RuntimeException e) {
            log.warn("User cache read failed, using the database: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Drops every cached profile (a replay starts). */
    public void dropAll() {
        entries.dropAll();
    }

    /**
     * After a miss: puts back the row read from the database, unless a newer entry is there or a command
     * marked a newer version that may still commit. Never throws.
     */
    public void putBack(CachedUser user) {
        entries.putBack(user.id(), user.version(), encode(user));
    }

    private static String encode(CachedUser user) {
        return VersionedEntries.encode(user.version(), CacheJson.write(user));
    }
}
