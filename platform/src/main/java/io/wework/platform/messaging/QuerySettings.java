package io.wework.platform.messaging;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.queries.*}.
 *
 * @param timeout how long a request waits for its query's answer (QuerySender); past it, 503 dependency_unavailable
 */
@Validated
@ConfigurationProperties("wework.queries")
public record QuerySettings(@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration timeout) {
}
