package io.wework.platform.axon;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Persistent deadlines (README, "Deadlines"). Axon's own {@code AxonDbSchedulerAutoConfiguration} builds
 * the {@code DbSchedulerDeadlineManager} and {@code DbSchedulerEventScheduler} on the scheduler of
 * db-scheduler's Spring Boot starter (its {@code db-scheduler.*} settings, {@code scheduled_tasks} created
 * by Flyway); this class adds only what differs from those defaults.
 */
@Configuration(proxyBeanMethods = false)
public class DeadlineConfig {

    /** The scheduler runs only while Axon runs. */
    @Bean
    public DeadlineSchedulerLifecycle deadlineSchedulerLifecycle(Scheduler scheduler) {
        return new DeadlineSchedulerLifecycle(scheduler);
    }

    /**
     * Each row's task data as JSON from the event store's ObjectMapper instead of the starter's Java
     * serialization. Axon already writes the deadline's payload, metadata and scope with the
     * {@code eventSerializer} (that same JSON); the envelope around them is an Axon class without a
     * {@code serialVersionUID}, so under Java serialization any change to it in an Axon upgrade would make
     * every pending deadline (a 30-day subscription expiry) unreadable. JSON reads it by property name,
     * and no Java deserialization of database content takes place.
     */
    @Bean
    public DbSchedulerCustomizer deadlineTaskDataAsJson() {
        Serializer json = new JacksonSerializer(AxonInfrastructureConfig.storageObjectMapper());
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(json);
            }
        };
    }
}
