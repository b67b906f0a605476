package io.wework.platform.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Redis commands queued during a transaction and sent once it has committed (never before, never
 * after a rollback), all in one pipelined round trip. A Redis failure is logged and never undoes the
 * committed transaction. Each owner keeps its own queue per transaction.
 */
final class AfterCommitPipeline {

    private static final Logger log = LoggerFactory.getLogger(AfterCommitPipeline.class);

    private final StringRedisTemplate redis;
    private final String failure;

    /** {@code failure}: what a failed round trip loses, for the log ("cache entries (readers fall back ...)"). */
    AfterCommitPipeline(StringRedisTemplate redis, String failure) {
        this.redis = redis;
        this.failure = failure;
    }

    /** Queues {@code command} for after the commit of the current transaction. */
    void add(Consumer<RedisConnection> command) {
        pending().add(command);
    }

    private List<Consumer<RedisConnection>> pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("After-commit Redis commands must be queued inside a transaction");
        }
        @SuppressWarnings("unchecked")
        List<Consumer<RedisConnection>> commands = (List<Consumer<RedisConnection>>) TransactionSynchronizationManager.getResource(this);
        if (commands == null) {
            List<Consumer<RedisConnection>> created = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendAll(created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AfterCommitPipeline.this);
                }
            });
            commands = created;
        }
        return commands;
    }

    private void sendAll(List<Consumer<RedisConnection>> commands) {
        if (commands.isEmpty()) {
            return;
        }
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                commands.forEach(command -> command.accept(connection));
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not send {} {} after commit: {}", commands.size(), failure, e.toString());
        }
    }
}
