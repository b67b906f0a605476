package io.wework.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.springframework.context.SmartLifecycle;

/**
 * Runs db-scheduler, which runs Axon's deadlines and scheduled events ({@code DbSchedulerDeadlineManager},
 * {@code DbSchedulerEventScheduler}, both from Axon's {@code AxonDbSchedulerAutoConfiguration}), only while
 * Axon runs: it starts right after Axon's configuration has started and stops right before Axon stops.
 *
 * <p>It replaces the db-scheduler starter's own {@link DbSchedulerStarter}, which starts the scheduler as
 * soon as its bean exists (or at context refresh) and stops it only when the bean is destroyed, after Axon
 * has shut down: a deadline firing in that window would be handled with Axon's subscribing processors
 * already unsubscribed, so its events would miss the projections that run in the command's transaction.
 * Stopping lets the deadlines already running finish ({@code db-scheduler.shutdown-max-wait}); one
 * that has not run stays in {@code scheduled_tasks} for the next node. (The starter's scheduler bean
 * still calls {@code stop()} when it is destroyed; db-scheduler then only logs that it is already
 * stopping.)
 */
public class DeadlineSchedulerLifecycle implements DbSchedulerStarter, SmartLifecycle {

    /** Started after Axon ({@link SpringAxonConfiguration#LIFECYCLE_PHASE}), stopped before it. */
    public static final int PHASE = SpringAxonConfiguration.LIFECYCLE_PHASE + 1;

    private final Scheduler scheduler;

    public DeadlineSchedulerLifecycle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void doStart() {
        start();
    }

    @Override
    public void start() {
        SchedulerState state = scheduler.getSchedulerState();
        if (!state.isStarted() && !state.isShuttingDown()) {
            scheduler.start();
        }
    }

    @Override
    public void stop() {
        SchedulerState state = scheduler.getSchedulerState();
        if (state.isStarted() && !state.isShuttingDown()) {
            scheduler.stop();
        }
    }

    @Override
    public boolean isRunning() {
        SchedulerState state = scheduler.getSchedulerState();
        return state.isStarted() && !state.isShuttingDown();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
