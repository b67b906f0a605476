package io.wework.platform.database;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code db} health contributor, answered from {@link DatabaseReachability}'s last probe without
 * touching the pool: it answers at once whatever PostgreSQL does (Spring Boot's own waited for a pooled
 * connection, 5 s in an outage). It is in the readiness group: a node that cannot reach PostgreSQL leaves
 * the load balancer; liveness does not look at it.
 */
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DatabaseReachability reachability;

    public DatabaseHealthIndicator(DatabaseReachability reachability) {
        this.reachability = reachability;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("database", "PostgreSQL").withDetail("since", reachability.since().toString());
        if (reachability.reachable()) {
            builder.up();
        } else {
            builder.down().withDetail("error", String.valueOf(reachability.lastError()));
        }
    }
}
