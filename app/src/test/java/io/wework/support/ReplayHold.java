package io.wework.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.springframework.stereotype.Component;

/**
 * Test-only handler in the {@code users} projection that, while armed, holds the first replayed event
 * it sees until released: the replay is then running (tokens reset, table truncated, the batch open and
 * uncommitted) for as long as a test needs to read during it.
 */
@Component
@ProcessingGroup("users")
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ReplayHold {

    private static volatile Hold armed;

    /** A hold of the next replay: {@link #entered} opens when the replay reaches its first event. */
    public static final class Hold implements AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        public boolean awaitEntered(long seconds) throws InterruptedException {
            return entered.await(seconds, TimeUnit.SECONDS);
        }

        /** Lets the replay go on (also when the test fails before). */
        @Override
        public void close() {
            armed = null;
            released.countDown();
        }
    }

    public static Hold arm() {
        Hold hold = new Hold();
        armed = hold;
        return hold;
    }

    @EventHandler
    void on(Object payload, ReplayStatus status) throws InterruptedException {
        Hold hold = armed;
        if (hold != null && status.isReplay() && hold.entered.getCount() > 0) {
            hold.entered.countDown();
            // bounded, so a forgotten hold can never stop the processor for good
            hold.released.await(60, TimeUnit.SECONDS);
        }
    }
}
