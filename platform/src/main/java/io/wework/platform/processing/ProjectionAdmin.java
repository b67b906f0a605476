package io.wework.platform.processing;

import io.wework.common.api.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * Every event processor's state (segments, position, head of the store, lag, replay progress,
 * errors, dead letters) and the replay of one projection from the first event.
 */
@Component
public class ProjectionAdmin {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProjectionAdmin.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ReplayRuns replays;
    /** Where an idle replay-only processor stopped (shown as its position while it is shut down). */
    private final Map<String, Long> idlePositions = new ConcurrentHashMap<>();
    private final java.util.Set<String> replayOnly;

    public ProjectionAdmin(EventProcessingConfiguration processing, EventStore eventStore, ReplayRuns replays,
                           ProjectionSettings settings) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.replays = replays;
        this.replayOnly = settings.replayOnly();
    }

    /** Whether {@code name} only runs to replay (and is idle otherwise; see {@link ReplayOnlyIdler}). */
    public boolean isReplayOnly(String name) {
        return replayOnly.contains(name);
    }

    /**
     * Shuts {@code name} down if it is running and not replaying, remembering where it stopped.
     * Returns whether it did.
     */
    boolean idleIfDone(String name) {
        StreamingEventProcessor p = processing.eventProcessor(name, StreamingEventProcessor.class).orElse(null);
        if (p == null) {
            return false;
        }
        Map<Integer, EventTrackerStatus> status = p.processingStatus();
        if (!p.isRunning() || status.isEmpty() || isReplaying(name)) {
            return false;
        }
        status.values().stream().map(s -> position(s.getTrackingToken())).filter(java.util.Objects::nonNull)
                .min(Long::compare).ifPresent(position -> idlePositions.put(name, position));
        p.shutDown();
        log.info("Projection {} is not replaying: its processor is idle until the next replay", name);
        return true;
    }

    public record SegmentView(int segment, Long position, boolean replaying, boolean caughtUp, String error) {
    }

    public record ReplayProgress(Instant startedAt, double percentDone, double eventsPerSecond, Instant estimatedFinish,
                                 long targetPosition) {
    }

    public record ProcessorView(String name, String mode, boolean running, int segmentsClaimed, Long position, Long head,
                                Long lag, boolean replaying, ReplayProgress replay, List<String> errors,
                                Long deadLetterSequences, List<SegmentView> segments) {
    }

    public List<ProcessorView> all() {
        long head = headPosition();
        List<ProcessorView> views = new ArrayList<>();
        processing.eventProcessors().values().stream()
                .sorted(java.util.Comparator.comparing(EventProcessor::getName))
                .forEach(p -> views.add(view(p, head)));
        return views;
    }

    public Optional<ProcessorView> one(String name) {
        return processing.eventProcessor(name).map(p -> view(p, headPosition()));
    }

    /**
     * True from the moment a replay is requested on this node until the processor has caught up
     * again (also between the reset and the first segment claim, when no status exists yet).
     */
    public boolean isReplaying(String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElse(null);
        if (processor == null) {
            return false;
        }
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        boolean replaying = status.values().stream().anyMatch(ProjectionAdmin::replaying);
        ReplayRuns.Run run = replays.last(name).orElse(null);
        if (run != null && !run.finished()) {
            // done once no segment replays and every segment has reached the head the replay started from
            // (a processor idle before the replay resumes from an older token than that head)
            boolean reachedHead = !status.isEmpty() && status.values().stream().allMatch(s -> {
                Long position = position(s.getTrackingToken());
                return position != null && position >= run.head();
            });
            if (!replaying && reachedHead) {
                replays.finish(name);
                return false;
            }
            return true;
        }
        return replaying;
    }

    /**
     * A segment is replaying until it has passed the position the reset started from. (Axon keeps a
     * replay token a while longer when the store has young gaps, but events after the reset position
     * are handled as regular ones.)
     */
    private static boolean replaying(EventTrackerStatus s) {
        if (!s.isReplaying()) {
            return false;
        }
        var reset = s.getResetPosition();
        var current = s.getCurrentPosition();
        return reset.isEmpty() || current.isEmpty() || current.getAsLong() < reset.getAsLong();
    }

    /** Rebuilds {@code name} from the first event: shut down, reset (its {@code @ResetHandler}s run), start. */
    public ProcessorView replay(String name) {
        EventProcessor processor = processing.eventProcessor(name).orElseThrow(() ->
                new DomainException(DomainException.Kind.NOT_FOUND, "projection_not_found", "No projection named " + name));
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.supportsReset()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "not_replayable",
                    name + " is not a streaming processor that supports a reset");
        }
        streaming.shutDown();
        idlePositions.remove(name);
        replays.start(name, headPosition());
        try {
            streaming.resetTokens();
        } finally {
            streaming.start();
        }
        return view(streaming, headPosition());
    }

    private ProcessorView view(EventProcessor processor, long head) {
        Long dlq = processing.deadLetterQueue(processor.getName()).map(SequencedDeadLetterQueue::amountOfSequences).orElse(null);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProcessorView(processor.getName(), "subscribing", processor.isRunning(), 0, null, head, null, false,
                    null, processor.isError() ? List.of("in error") : List.of(), dlq, List.of());
        }
        Map<Integer, EventTrackerStatus> status = new LinkedHashMap<>(streaming.processingStatus());
        List<SegmentView> segments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Long min = null;
        boolean replaying = false;
        for (EventTrackerStatus s : status.values()) {
            Long pos = position(s.getTrackingToken());
            if (pos != null) {
                min = min == null ? pos : Math.min(min, pos);
            }
            replaying |= replaying(s);
            String error = s.isErrorState() && s.getError() != null ? s.getError().toString() : null;
            if (error != null) {
                errors.add("segment " + s.getSegment().getSegmentId() + ": " + error);
            }
            segments.add(new SegmentView(s.getSegment().getSegmentId(), pos, replaying(s), s.isCaughtUp(), error));
        }
        if (status.isEmpty() && min == null) {
            min = idlePositions.get(processor.getName()); // an idle replay-only processor: where it stopped
        }
        Long lag = min == null ? null : Math.max(0, head - min);
        // also true between the reset and the first claim, and while a processor that resumed from an
        // older token than the replay's head is still on its way there
        replaying |= isReplaying(processor.getName());
        ReplayProgress progress = null;
        ReplayRuns.Run run = replays.last(processor.getName()).orElse(null);
        if (run != null && replaying && min != null) {
            double seconds = Math.max(0.001, Duration.between(run.startedAt(), Instant.now()).toMillis() / 1000.0);
            double rate = min / seconds;
            double percent = run.head() <= 0 ? 100 : Math.min(100, 100.0 * min / run.head());
            Instant eta = rate <= 0 ? null : Instant.now().plusMillis((long) (Math.max(0, run.head() - min) / rate * 1000));
            progress = new ReplayProgress(run.startedAt(), Math.round(percent * 10) / 10.0, Math.round(rate * 10) / 10.0, eta,
                    run.head());
        }
        return new ProcessorView(processor.getName(),
                isReplayOnly(processor.getName()) ? "replay-only"
                        : processor instanceof org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor ? "pooled" : "tracking",
                streaming.isRunning(), status.size(), min, head, lag,
                replaying, progress, errors, dlq, segments);
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private static Long position(TrackingToken token) {
        if (token == null) {
            return null;
        }
        return token.position().isPresent() ? token.position().getAsLong() : null;
    }
}
