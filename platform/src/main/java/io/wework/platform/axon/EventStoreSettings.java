package io.wework.platform.axon;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.event-store.*}: how the JDBC event store is read.
 *
 * @param batchSize events per read query of a streaming processor (Axon's default of 100 made a 1M-event replay 10,000 queries)
 * @param gapTimeoutMs milliseconds a gap in the global index is waited for before it is skipped; keep it above the longest append transaction
 */
@Validated
@ConfigurationProperties("wework.event-store")
public record EventStoreSettings(@DefaultValue("1000") @Positive int batchSize,
                                 @DefaultValue("60000") @Positive int gapTimeoutMs) {
}
