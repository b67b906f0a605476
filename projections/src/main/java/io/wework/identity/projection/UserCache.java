package io.wework.identity.projection;

import io.wework.platform.redis.AfterCommitCacheWriter;
import io.wework.platform.redis.CacheJson;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The Redis side of the users read model ({@code wework:identity:user:{id}}, JSON, TTL). The
 * projection overwrites an entry after its transaction commits; readers only add a missing entry
 * ({@code SET NX}), so a reader holding an older row can never overwrite a newer one.
 */
@Component
public class UserCache {

    private static final Logger log = LoggerFactory.getLogger(UserCache.class);
    static final String PREFIX = "wework:identity:user:";

    private final StringRedisTemplate redis;
    private final AfterCommitCacheWriter writer;
    private final Duration ttl;

    public UserCache(StringRedisTemplate redis, AfterCommitCacheWriter writer,
                     UserCacheSettings settings) {
        this.redis = redis;
        this.writer = writer;
        this.ttl = settings.userTtl();
    }

    public static String key(String userId) {
        return PREFIX + userId;
    }

    /** From a projection, inside its transaction: applied after commit. */
    public void refreshAfterCommit(UserEntity user) {
        writer.put(key(user.getId()), CacheJson.write(user.toCached()), ttl);
    }

    /** Empty on a miss and when Redis is unavailable (the caller reads the database). */
    public Optional<CachedUser> get(String userId) {
        try {
            String json = redis.opsForValue().get(key(userId));
            return json == null ? Optional.empty() : Optional.of(CacheJson.read(json, CachedUser.class));
        } catch (RuntimeException e) {
            log.warn("User cache read failed, using the database: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Drops every cached profile (a replay starts). */
    public void dropAll() {
        RedisKeys.deleteByPrefix(redis, PREFIX);
    }

    /** After a miss: adds the row read from the database unless the projection wrote a newer one meanwhile. */
    public void putIfAbsent(CachedUser user) {
        try {
            redis.opsForValue().setIfAbsent(key(user.id()), CacheJson.write(user), ttl);
        } catch (RuntimeException e) {
            log.warn("User cache write failed: {}", e.toString());
        }
    }
}
