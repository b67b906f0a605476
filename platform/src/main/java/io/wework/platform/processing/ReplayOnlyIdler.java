package io.wework.platform.processing;

import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the replay-only processors ({@code wework.projections.replay-only}) shut down while they are
 * not replaying. They rebuild a read model that commands keep up to date inline, in their own
 * transactions; running all the time they would read, deserialize and skip every new event. From the
 * moment the application is ready, each is checked once a second (off every request's path) and shut
 * down once a replay has caught up; {@link ProjectionAdmin#replay} starts it again.
 */
@Component
public class ReplayOnlyIdler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplayOnlyIdler.class);

    private final ProjectionAdmin admin;
    private final Set<String> replayOnly;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replay-only-idler");
        t.setDaemon(true);
        return t;
    });

    public ReplayOnlyIdler(ProjectionAdmin admin, ProjectionSettings settings) {
        this.admin = admin;
        this.replayOnly = settings.replayOnly();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        timer.scheduleWithFixedDelay(this::idleAll, 0, 1, TimeUnit.SECONDS);
    }

    void idleAll() {
        for (String name : replayOnly) {
            try {
                admin.idleIfDone(name);
            } catch (RuntimeException e) {
                log.warn("Could not idle processor {}: {}", name, e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
