package io.wework.platform.processing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wework.health.processors.*}: when {@code /actuator/health} calls a streaming processor stuck.
 * {@code stalled-after}: how long a processor may stay at one position while the store holds newer
 * events before it is reported DOWN (a batch takes milliseconds; the default leaves room for a long
 * transaction or a slow database without crying wolf).
 */
@ConfigurationProperties("wework.health.processors")
public record ProcessorHealthSettings(@DefaultValue("60s") Duration stalledAfter) {

    public ProcessorHealthSettings {
        if (stalledAfter == null || stalledAfter.isNegative() || stalledAfter.isZero()) {
            throw new IllegalArgumentException("wework.health.processors.stalled-after must be positive, got " + stalledAfter);
        }
    }
}
