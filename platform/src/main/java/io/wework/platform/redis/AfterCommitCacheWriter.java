package io.wework.platform.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Cache writes and Redis messages from projections, applied only once the read-model transaction has committed, and
 * in one pipelined round trip per transaction (a batch of events = one Redis call). A Redis failure
 * is logged and never undoes the committed read model; readers fall back to the database and
 * entries expire by TTL.
 */
@Component
public class AfterCommitCacheWriter {

    private static final Logger log = LoggerFactory.getLogger(AfterCommitCacheWriter.class);

    private final StringRedisTemplate redis;

    public AfterCommitCacheWriter(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A SET (value and ttl), a DEL (no value) or a PUBLISH (channel set). */
    private record Op(String key, String value, Duration ttl, String channel) {
    }

    /** Overwrites {@code key} after commit (a {@code null} value deletes it). */
    public void put(String key, String value, Duration ttl) {
        pending().add(new Op(key, value, ttl, null));
    }

    /** Publishes {@code message} on {@code channel} once the transaction has committed (never before). */
    public void publish(String channel, String message) {
        pending().add(new Op(null, message, null, channel));
    }

    private List<Op> pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Cache writes must happen inside a read-model transaction");
        }
        @SuppressWarnings("unchecked")
        List<Op> ops = (List<Op>) TransactionSynchronizationManager.getResource(this);
        if (ops == null) {
            List<Op> created = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    writeAll(created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AfterCommitCacheWriter.this);
                }
            });
            ops = created;
        }
        return ops;
    }

    private void writeAll(List<Op> ops) {
        if (ops.isEmpty()) {
            return;
        }
        try {
            redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
                for (Op op : ops) {
                    if (op.channel() != null) {
                        connection.publish(op.channel().getBytes(StandardCharsets.UTF_8),
                                op.value().getBytes(StandardCharsets.UTF_8));
                        continue;
                    }
                    byte[] key = op.key().getBytes(StandardCharsets.UTF_8);
                    if (op.value() == null) {
                        connection.keyCommands().del(key);
                    } else {
                        connection.stringCommands().set(key, op.value().getBytes(StandardCharsets.UTF_8),
                                Expiration.from(op.ttl()), SetOption.upsert());
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not update {} cache entries after commit (readers fall back to the database): {}",
                    ops.size(), e.toString());
        }
    }
}
