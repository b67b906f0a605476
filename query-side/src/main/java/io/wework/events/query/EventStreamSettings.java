package io.wework.events.query;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.events.*}: the live event stream (GET /api/events/stream).
 *
 * @param sseTimeout lifetime of one SSE connection; clients reconnect after it
 */
@Validated
@ConfigurationProperties("wework.events")
public record EventStreamSettings(@DefaultValue("30m") @NotNull @DurationMin(seconds = 1) Duration sseTimeout) {
}
