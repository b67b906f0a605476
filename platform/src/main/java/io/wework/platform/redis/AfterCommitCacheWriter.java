package io.wework.platform.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;

/**
 * Cache entries written by projections, applied only once the read-model transaction has committed, and
 * in one pipelined round trip per transaction (a batch of events = one Redis call). A Redis failure
 * is logged and never undoes the committed read model, so a lost write leaves the entry from before
 * the commit: an entry that must never be served stale also needs a mark written before the commit
 * that readers check (the users read model's {@code VersionedEntries}, projections).
 */
@Component
public class AfterCommitCacheWriter {

    private final AfterCommitPipeline pipeline;

    public AfterCommitCacheWriter(StringRedisTemplate redis) {
        this.pipeline = new AfterCommitPipeline(redis, "cache entries (readers fall back to the database)");
    }

    /** Overwrites {@code key} after commit (a {@code null} value deletes it). */
    public void put(String key, String value, Duration ttl) {
        byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
        if (value == null) {
            pipeline.add(connection -> connection.keyCommands().del(rawKey));
        } else {
            byte[] rawValue = value.getBytes(StandardCharsets.UTF_8);
            pipeline.add(connection -> connection.stringCommands().set(rawKey, rawValue, Expiration.from(ttl), SetOption.upsert()));
        }
    }

    /** Runs the Lua {@code script} on {@code key} with {@code args} after commit (a conditional write). */
    public void eval(String script, String key, String... args) {
        byte[] rawScript = script.getBytes(StandardCharsets.UTF_8);
        byte[][] keyAndArgs = new byte[args.length + 1][];
        keyAndArgs[0] = key.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < args.length; i++) {
            keyAndArgs[i + 1] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        pipeline.add(connection -> connection.scriptingCommands().eval(rawScript, ReturnType.INTEGER, 1, keyAndArgs));
    }
}
