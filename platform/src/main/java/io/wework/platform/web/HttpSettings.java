package io.wework.platform.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.http.*}: limits of the HTTP edge.
 *
 * @param maxBodySize request bodies larger than this are refused with 413 before they are read
 * @param idempotencyTtl how long the answer to a request with an Idempotency-Key header is kept and replayed
 */
@Validated
@ConfigurationProperties("wework.http")
public record HttpSettings(@DefaultValue("1MB") @NotNull DataSize maxBodySize,
                           @DefaultValue("24h") @NotNull @DurationMin(millis = 1) Duration idempotencyTtl) {

    @AssertTrue(message = "wework.http.max-body-size must be positive")
    boolean isMaxBodySizePositive() {
        return maxBodySize == null || maxBodySize.toBytes() > 0;
    }
}
