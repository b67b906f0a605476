package io.wework.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wework.queries.*}: how long a caller waits for a query's answer. Past it the caller gets
 * 503 {@code dependency_unavailable}.
 */
@ConfigurationProperties("wework.queries")
public record QuerySettings(@DefaultValue("10s") Duration timeout) {

    public QuerySettings {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("wework.queries.timeout must be positive, got " + timeout);
        }
    }
}
