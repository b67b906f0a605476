package io.wework.support.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;

/**
 * Adds the test-only {@link Trial} aggregate to an application context. Deliberately not a
 * {@code @Configuration} (component scanning must not find it): a test passes it as an extra source to
 * the contexts it starts, together with a {@link TrialNode} singleton.
 */
public class TrialFeature {

    @Bean
    public ConfigurerModule trialAggregate() {
        return configurer -> configurer.configureAggregate(Trial.class);
    }

    /** Notes, when Axon begins to shut down (its first shutdown handler), whether db-scheduler has stopped. */
    @Bean
    public ConfigurerModule schedulerShutdownProbe(Scheduler scheduler, TrialNode node) {
        return configurer -> configurer.onInitialize(config -> config.onShutdown(Integer.MAX_VALUE,
                () -> node.schedulerStoppedBeforeAxon().set(scheduler.getSchedulerState().isShuttingDown())));
    }
}
