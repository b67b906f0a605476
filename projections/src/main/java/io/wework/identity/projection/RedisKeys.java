package io.wework.identity.projection;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Deletes keys by prefix with SCAN (never KEYS), in batches. */
final class RedisKeys {

    private RedisKeys() {
    }

    static long deleteByPrefix(StringRedisTemplate redis, String prefix) {
        long deleted = 0;
        List<String> batch = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            while (cursor.hasNext()) {
                batch.add(cursor.next());
                if (batch.size() == 1000) {
                    deleted += redis.delete(batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            deleted += redis.delete(batch);
        }
        return deleted;
    }
}
