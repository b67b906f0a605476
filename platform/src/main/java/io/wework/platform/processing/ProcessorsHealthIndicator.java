package io.wework.platform.processing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "eventProcessors": DOWN when a processor stopped (other than an
 * idle replay-only one) or a segment is in error.
 */
@Component("eventProcessors")
public class ProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionAdmin projections;

    public ProcessorsHealthIndicator(ProjectionAdmin projections) {
        this.projections = projections;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (ProjectionAdmin.ProcessorView p : projections.all()) {
            // a replay-only processor is idle (stopped) whenever it is not replaying
            boolean ok = (p.running() || "replay-only".equals(p.mode())) && p.errors().isEmpty();
            up &= ok;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("running", p.running());
            d.put("lag", p.lag());
            d.put("replaying", p.replaying());
            d.put("errors", p.errors());
            details.put(p.name(), d);
        }
        builder.status(up ? "UP" : "DOWN").withDetails(details);
    }
}
