package io.wework.platform.redis;

import java.nio.charset.StandardCharsets;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Redis pub/sub messages sent only once the current transaction has committed (never before, never
 * after a rollback), in one pipelined round trip per transaction. A Redis failure is logged and never
 * undoes the committed transaction: the messages are lost, not repeated.
 */
@Component
public class AfterCommitPublisher {

    private final AfterCommitPipeline pipeline;

    public AfterCommitPublisher(StringRedisTemplate redis) {
        this.pipeline = new AfterCommitPipeline(redis, "messages (lost, not repeated)");
    }

    /** Publishes {@code message} on {@code channel} once the transaction has committed. */
    public void publish(String channel, String message) {
        byte[] rawChannel = channel.getBytes(StandardCharsets.UTF_8);
        byte[] rawMessage = message.getBytes(StandardCharsets.UTF_8);
        pipeline.add(connection -> connection.publish(rawChannel, rawMessage));
    }
}
