package io.wework.platform.processing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "eventProcessors", with a status per processor:
 * <ul>
 *   <li><b>DOWN</b> (HTTP 503) when a processor is stuck: stopped (other than an idle replay-only
 *       one), a segment in error, or not advancing while the store holds newer events for longer
 *       than {@code wework.health.processors.stalled-after};</li>
 *   <li><b>DEGRADED</b> (HTTP 200, see {@code management.endpoint.health.status.*}) when it has dead
 *       letters: it goes on with every other event, but some are parked until an admin retries or
 *       drops them;</li>
 *   <li><b>UP</b> otherwise.</li>
 * </ul>
 * The readiness group ({@code /actuator/health/readiness}) does not include this component: a stuck or
 * degraded projection is shared by every node, so taking nodes out of a load balancer would not help
 * and would stop the commands and reads that still work. Monitoring watches {@code /actuator/health}.
 */
@Component("eventProcessors")
@EnableConfigurationProperties(ProcessorHealthSettings.class)
public class ProcessorsHealthIndicator extends AbstractHealthIndicator {

    /** Some events are parked in a dead-letter queue; everything else flows. */
    public static final Status DEGRADED = new Status("DEGRADED", "Some events are dead-lettered");

    private final ProjectionAdmin projections;
    private final Duration stalledAfter;
    private final Clock clock;
    /** Per processor: the position it was last seen at while behind, and since when. */
    private final Map<String, Sighting> sightings = new ConcurrentHashMap<>();

    private record Sighting(long position, Instant since) {
    }

    /** Absent in unit tests; when PostgreSQL is known unreachable the processors are not asked (it would wait). */
    private io.wework.platform.database.DatabaseReachability database;

    @Autowired
    public ProcessorsHealthIndicator(ProjectionAdmin projections, ProcessorHealthSettings settings,
                                     org.springframework.beans.factory.ObjectProvider<io.wework.platform.database.DatabaseReachability> database) {
        this(projections, settings, Clock.systemUTC());
        this.database = database.getIfAvailable();
    }

    ProcessorsHealthIndicator(ProjectionAdmin projections, ProcessorHealthSettings settings, Clock clock) {
        this.projections = projections;
        this.stalledAfter = settings.stalledAfter();
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (database != null && !database.reachable()) {
            // their positions and dead letters live in PostgreSQL: unknown, and asking would wait for the pool
            builder.unknown().withDetail("reason", "PostgreSQL is unreachable");
            return;
        }
        Status overall = Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProjectionAdmin.ProcessorView p : projections.all()) {
            // a replay-only processor is idle (stopped) whenever it is not replaying
            boolean idle = "replay-only".equals(p.mode()) && !p.running() && !p.replaying();
            Duration stalled = idle ? null : stalledFor(p);
            boolean stuck = (!p.running() && !idle) || !p.errors().isEmpty()
                    || (stalled != null && stalled.compareTo(stalledAfter) >= 0);
            long deadLetters = p.deadLetterSequences() == null ? 0 : p.deadLetterSequences();
            Status status = stuck ? Status.DOWN : deadLetters > 0 ? DEGRADED : Status.UP;
            if (status == Status.DOWN || (status == DEGRADED && overall == Status.UP)) {
                overall = status;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("status", status.getCode());
            d.put("running", p.running());
            d.put("lag", p.lag());
            d.put("replaying", p.replaying());
            d.put("errors", p.errors());
            d.put("dead_letter_sequences", deadLetters);
            if (stalled != null) {
                d.put("stalled_seconds", stalled.toSeconds());
            }
            details.put(p.name(), d);
        }
        builder.status(overall).withDetails(details);
    }

    /**
     * How long {@code p} has been behind the head at one position, as far as the checks so far have seen
     * (the first check that finds it behind starts the clock); {@code null} when it is not behind, or its
     * position is not known on this node (another node holds its segments).
     */
    private Duration stalledFor(ProjectionAdmin.ProcessorView p) {
        if (p.lag() == null || p.position() == null || p.lag() == 0) {
            sightings.remove(p.name());
            return null;
        }
        Instant now = clock.instant();
        Sighting seen = sightings.compute(p.name(), (name, last) ->
                last != null && last.position() == p.position() ? last : new Sighting(p.position(), now));
        return Duration.between(seen.since(), now);
    }
}
