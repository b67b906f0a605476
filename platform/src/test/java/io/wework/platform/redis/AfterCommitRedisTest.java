package io.wework.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisKeyCommands;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The cache writer and the publisher send nothing before the commit, everything after it in one round trip, nothing on rollback. */
class AfterCommitRedisTest {

    /** A transaction manager with no resource: only its synchronizations run. */
    static class SynchronizationsOnly extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private final StringRedisTemplate redis = mock(StringRedisTemplate.class);
    private final RedisConnection connection = mock(RedisConnection.class);
    private final RedisStringCommands strings = mock(RedisStringCommands.class);
    private final RedisKeyCommands keys = mock(RedisKeyCommands.class);
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final TransactionTemplate transaction = new TransactionTemplate(new SynchronizationsOnly());
    private final AfterCommitCacheWriter cache = new AfterCommitCacheWriter(redis);
    private final AfterCommitPublisher publisher = new AfterCommitPublisher(redis);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void redisRunsThePipelineOnTheConnection() {
        when(connection.stringCommands()).thenReturn(strings);
        when(connection.keyCommands()).thenReturn(keys);
        when(redis.executePipelined(any(RedisCallback.class))).thenAnswer(call -> {
            roundTrips.incrementAndGet();
            ((RedisCallback<Object>) call.getArgument(0)).doInRedis(connection);
            return List.of();
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void publishesOnlyAfterTheCommitInOneRoundTrip() {
        transaction.executeWithoutResult(status -> {
            publisher.publish("app_events", "{\"a\":1}");
            publisher.publish("app_events", "{\"b\":2}");
            verify(connection, never()).publish(any(), any());
        });
        verify(connection).publish(bytes("app_events"), bytes("{\"a\":1}"));
        verify(connection).publish(bytes("app_events"), bytes("{\"b\":2}"));
        assertThat(roundTrips).hasValue(1);
    }

    @Test
    void writesAndDeletesCacheEntriesOnlyAfterTheCommit() {
        transaction.executeWithoutResult(status -> {
            cache.put("k1", "v1", Duration.ofSeconds(30));
            cache.put("k2", null, Duration.ofSeconds(30));
            assertThat(roundTrips).hasValue(0);
        });
        verify(strings).set(eq(bytes("k1")), eq(bytes("v1")), eq(Expiration.from(Duration.ofSeconds(30))), eq(SetOption.upsert()));
        verify(keys).del(bytes("k2"));
        verify(connection, never()).publish(any(), any());
        assertThat(roundTrips).hasValue(1);
    }

    @Test
    void aRollbackSendsNothing() {
        transaction.executeWithoutResult(status -> {
            publisher.publish("app_events", "{}");
            cache.put("k", "v", Duration.ofSeconds(1));
            status.setRollbackOnly();
        });
        assertThat(roundTrips).hasValue(0);
    }

    @Test
    void eachTransactionSendsItsOwnCommandsOnce() {
        transaction.executeWithoutResult(status -> publisher.publish("c", "1"));
        transaction.executeWithoutResult(status -> publisher.publish("c", "2"));
        verify(connection, times(1)).publish(bytes("c"), bytes("1"));
        verify(connection, times(1)).publish(bytes("c"), bytes("2"));
        assertThat(roundTrips).hasValue(2);
    }

    @Test
    void aRedisFailureDoesNotReachTheCommittedTransaction() {
        when(redis.executePipelined(any(RedisCallback.class))).thenThrow(new IllegalStateException("redis down"));
        transaction.executeWithoutResult(status -> publisher.publish("c", "1"));
        verify(redis).executePipelined(any(RedisCallback.class));
    }

    @Test
    void outsideATransactionNothingIsQueued() {
        assertThatThrownBy(() -> publisher.publish("c", "1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cache.put("k", "v", Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }
}
