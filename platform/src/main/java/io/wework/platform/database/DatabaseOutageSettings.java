package io.wework.platform.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wework.database.outage.*}: how the node notices PostgreSQL is unreachable and how fast it then fails.
 *
 * @param probeInterval how often {@link DatabaseReachability} checks its own connection to PostgreSQL
 * @param probeTimeout how long one check (connect, log in, validate) may take before PostgreSQL counts as unreachable
 * @param connectionTimeout while PostgreSQL is unreachable, how long a request waits for a pooled connection
 *                          (instead of the pool's {@code spring.datasource.hikari.connection-timeout})
 */
@ConfigurationProperties("wework.database.outage")
public record DatabaseOutageSettings(@DefaultValue("1s") Duration probeInterval,
                                     @DefaultValue("1s") Duration probeTimeout,
                                     @DefaultValue("300ms") Duration connectionTimeout) {

    public DatabaseOutageSettings {
        positive("probe-interval", probeInterval);
        positive("probe-timeout", probeTimeout);
        positive("connection-timeout", connectionTimeout);
        if (connectionTimeout.toMillis() < 250) {
            // Hikari refuses to wait less
            throw new IllegalArgumentException("wework.database.outage.connection-timeout must be at least 250ms, got "
                    + connectionTimeout);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("wework.database.outage." + name + " must be positive, got " + value);
        }
    }
}
