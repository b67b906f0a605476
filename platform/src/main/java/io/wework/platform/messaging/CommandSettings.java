package io.wework.platform.messaging;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.commands.*}.
 *
 * @param timeout how long a request waits for its command's answer (CommandSender); past it, 503 dependency_unavailable (the command may still complete)
 */
@Validated
@ConfigurationProperties("wework.commands")
public record CommandSettings(@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration timeout) {
}
