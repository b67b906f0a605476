package io.wework.platform.processing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The replays this node started, per event processor: when, from which head of the store, and whether
 * the processor has caught up since. {@link ProjectionAdmin} starts and finishes them; a projection
 * asks {@link #active} to know whether to apply live events too. A bean of its own so that a
 * projection depends on it rather than on {@code ProjectionAdmin}, which reads the event processors
 * and so, through them, that very projection.
 */
@Component
public class ReplayRuns {

    /** A replay: started at {@code startedAt} when the head of the store was {@code head}. */
    public record Run(Instant startedAt, long head, boolean finished) {
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    /** A replay of {@code processor} starts now, from {@code head}. */
    public void start(String processor, long head) {
        runs.put(processor, new Run(Instant.now(), head, false));
    }

    /** The running replay of {@code processor} has caught up. */
    public void finish(String processor) {
        runs.computeIfPresent(processor, (name, run) -> new Run(run.startedAt(), run.head(), true));
    }

    /** The last replay this node started for {@code processor}, finished or not. */
    public Optional<Run> last(String processor) {
        return Optional.ofNullable(runs.get(processor));
    }

    /**
     * Whether a replay this node started is still running (cheap: no status is read; finished by
     * {@link ProjectionAdmin#isReplaying}, which {@link ReplayOnlyIdler} calls every second). A replay-only projection
     * applies every event while it is true, not only the replayed ones, so nothing committed around the
     * reset is missed.
     */
    public boolean active(String processor) {
        Run run = runs.get(processor);
        return run != null && !run.finished();
    }
}
