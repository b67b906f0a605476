package io.wework.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class ProcessorsHealthIndicatorTest {

    private final ProjectionAdmin admin = mock(ProjectionAdmin.class);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final ProcessorsHealthIndicator health = new ProcessorsHealthIndicator(admin,
            new ProcessorHealthSettings(Duration.ofSeconds(60)), new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private static ProjectionAdmin.ProcessorView view(String name, String mode, boolean running, Long position, Long head,
                                                      List<String> errors, Long deadLetters) {
        Long lag = position == null ? null : head - position;
        return new ProjectionAdmin.ProcessorView(name, mode, running, 1, position, head, lag, false, null, errors, deadLetters,
                List.of());
    }

    private Health check(ProjectionAdmin.ProcessorView... views) {
        when(admin.all()).thenReturn(List.of(views));
        return health.health();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health h, String processor) {
        return (Map<String, Object>) h.getDetails().get(processor);
    }

    @Test
    void behindButAdvancingIsUpAndStandingStillPastTheThresholdIsDown() {
        assertThat(check(view("audit", "pooled", true, 10L, 20L, List.of(), 0L)).getStatus()).isEqualTo(Status.UP);
        now = now.plusSeconds(59);
        Health h = check(view("audit", "pooled", true, 10L, 25L, List.of(), 0L));
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(detail(h, "audit").get("stalled_seconds")).isEqualTo(59L);
        now = now.plusSeconds(1);
        h = check(view("audit", "pooled", true, 10L, 25L, List.of(), 0L));
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(detail(h, "audit").get("status")).isEqualTo("DOWN");
        // it moves again: the clock starts over
        now = now.plusSeconds(1);
        assertThat(check(view("audit", "pooled", true, 11L, 25L, List.of(), 0L)).getStatus()).isEqualTo(Status.UP);
        now = now.plusSeconds(59);
        assertThat(check(view("audit", "pooled", true, 20L, 25L, List.of(), 0L)).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void caughtUpIsNeverStalledHoweverLongItWaits() {
        check(view("audit", "pooled", true, 30L, 30L, List.of(), 0L));
        now = now.plusSeconds(3600);
        Health h = check(view("audit", "pooled", true, 30L, 30L, List.of(), 0L));
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(detail(h, "audit")).doesNotContainKey("stalled_seconds");
    }

    @Test
    void deadLettersDegradeAndStuckWins() {
        Health h = check(view("audit", "pooled", true, 5L, 5L, List.of(), 2L), view("app-events", "pooled", true, 5L, 5L, List.of(), null));
        assertThat(h.getStatus()).isEqualTo(ProcessorsHealthIndicator.DEGRADED);
        assertThat(detail(h, "audit").get("dead_letter_sequences")).isEqualTo(2L);
        assertThat(detail(h, "app-events").get("status")).isEqualTo("UP");
        h = check(view("audit", "pooled", true, 5L, 5L, List.of(), 2L),
                view("app-events", "pooled", true, 5L, 5L, List.of("segment 0: boom"), null));
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        h = check(view("audit", "pooled", false, 5L, 5L, List.of(), 0L));
        assertThat(h.getStatus()).as("stopped").isEqualTo(Status.DOWN);
    }

    @Test
    void anIdleReplayOnlyProcessorIsNeitherStoppedNorStalled() {
        check(view("users", "replay-only", false, 10L, 500L, List.of(), 0L));
        now = now.plusSeconds(3600);
        assertThat(check(view("users", "replay-only", false, 10L, 900L, List.of(), 0L)).getStatus()).isEqualTo(Status.UP);
    }
}
