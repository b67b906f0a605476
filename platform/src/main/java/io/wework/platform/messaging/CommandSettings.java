package io.wework.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wework.commands.*}: how long a caller waits for a command's answer. Past it the caller
 * gets 503 {@code dependency_unavailable} (the command may still complete).
 */
@ConfigurationProperties("wework.commands")
public record CommandSettings(@DefaultValue("30s") Duration timeout) {

    public CommandSettings {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("wework.commands.timeout must be positive, got " + timeout);
        }
    }
}
