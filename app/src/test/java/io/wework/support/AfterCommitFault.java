package io.wework.support;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test-only fault: for an armed user, the next command's Redis writes after its commit fail. It rides
 * in the inline users projection's (subscribing) processor, so it runs inside the command's
 * transaction, and registers a synchronization that runs first after the commit (before any
 * after-commit cache writer) and takes write and script rights away from Redis' default user
 * ({@code ACL SETUSER default -@write -@scripting}); reads keep working. {@link #heal} gives them back;
 * {@link #refuseWritesNow} takes them away at once.
 */
@Component
@ProcessingGroup("users-inline")
public class AfterCommitFault {

    private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

    private final StringRedisTemplate redis;

    public AfterCommitFault(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The next command on {@code userId} commits, then finds Redis refusing writes. */
    public static void arm(String userId) {
        ARMED.add(userId);
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event) {
        if (!ARMED.remove(event.getAggregateIdentifier())) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void afterCommit() {
                acl("-@write", "-@scripting");
            }
        });
    }

    /** Redis refuses writes and scripts from now on (reads keep working). */
    public void refuseWritesNow() {
        acl("-@write", "-@scripting");
    }

    /** Redis takes writes and scripts again. */
    public void heal() {
        acl("+@all");
    }

    private void acl(String... rules) {
        byte[][] args = new byte[rules.length + 2][];
        args[0] = "SETUSER".getBytes(StandardCharsets.UTF_8);
        args[1] = "default".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < rules.length; i++) {
            args[i + 2] = rules[i].getBytes(StandardCharsets.UTF_8);
        }
        redis.execute((RedisCallback<Object>) connection -> connection.execute("ACL", args));
    }
}
