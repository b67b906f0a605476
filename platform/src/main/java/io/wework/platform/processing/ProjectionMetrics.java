package io.wework.platform.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code wework_projection_lag_events{processor=…}}: events between the head of the store and each
 * streaming processor's position, read at scrape time. Command latency comes from Axon's own
 * Micrometer timers ({@code commandHandlingTime*}, {@code axon.metrics.micrometer.dimensional=true}).
 */
@Component
public class ProjectionMetrics {

    private final MeterRegistry registry;
    private final EventProcessingConfiguration processing;
    private final ProjectionAdmin projections;

    public ProjectionMetrics(MeterRegistry registry, EventProcessingConfiguration processing, ProjectionAdmin projections) {
        this.registry = registry;
        this.processing = processing;
        this.projections = projections;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                Gauge.builder("wework.projection.lag", () -> projections.one(name)
                                .map(p -> p.lag() == null ? Double.NaN : p.lag().doubleValue()).orElse(Double.NaN))
                        .tag("processor", name)
                        .baseUnit("events")
                        .description("Events stored but not yet processed by this processor")
                        .register(registry);
            }
        });
    }
}
