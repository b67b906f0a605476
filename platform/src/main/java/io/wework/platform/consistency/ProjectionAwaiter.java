package io.wework.platform.consistency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: after a command has committed, {@link #awaitProcessed} blocks (bounded) until
 * the named projections have processed the aggregate's latest event, so the caller's next read
 * sees its write. Positions come from this node's processors in memory; a
 * segment claimed by another node is read from the shared token store.
 */
@Component
public class ProjectionAwaiter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAwaiter.class);
    /** Waiters sleep here; every processor batch that commits wakes them (see {@link #signalProgress()}). */
    private static final Object PROGRESS = new Object();
    private static final long MAX_SLEEP_MILLIS = 2;

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration timeout;

    public ProjectionAwaiter(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                             Serializer serializer,
                             @Value("${wework.consistency.read-your-writes-timeout:5s}") Duration timeout) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.timeout = timeout;
    }

    /**
     * Waits until every named processor has handled the latest event of {@code aggregateId}.
     * @return true when they all did within the timeout.
     */
    public boolean awaitProcessed(String aggregateId, String... processingGroups) {
        List<Long> last = jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", Long.class, aggregateId);
        if (last.isEmpty()) {
            return true;
        }
        long globalIndex = last.get(0);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String group : processingGroups) {
            StreamingEventProcessor processor = processing
                    .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class).orElse(null);
            if (processor == null) {
                continue;
            }
            long nextStoreCheck = 0;
            while (!seenLocally(processor, globalIndex)) {
                if (!allSegmentsLocal(processor.processingStatus()) && System.nanoTime() >= nextStoreCheck) {
                    nextStoreCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
                    if (seenInStore(processor, globalIndex)) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    log.warn("Projection {} did not process event #{} within {}", processor.getName(), globalIndex, timeout);
                    return false;
                }
                synchronized (PROGRESS) {
                    try {
                        PROGRESS.wait(MAX_SLEEP_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Called after an event processor committed a batch: wakes the waiters at once instead of
     * letting them poll (with 32 waiting requests, sub-millisecond polling alone kept a core busy).
     */
    public static void signalProgress() {
        synchronized (PROGRESS) {
            PROGRESS.notifyAll();
        }
    }

    /** Whether a processor at {@code token} has handled (or deliberately passed) the event at {@code globalIndex}. */
    static boolean hasSeen(TrackingToken token, long globalIndex) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current == null) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        return current.position().orElse(-1) >= globalIndex;
    }

    private static boolean seenLocally(StreamingEventProcessor processor, long globalIndex) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty() || !allSegmentsLocal(status)) {
            return false;
        }
        for (EventTrackerStatus s : status.values()) {
            if (s.isErrorState() || !hasSeen(s.getTrackingToken(), globalIndex)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allSegmentsLocal(Map<Integer, EventTrackerStatus> status) {
        // a merged segment covers the whole key space when mask == 0; otherwise sum the fractions
        double coverage = 0;
        for (EventTrackerStatus s : status.values()) {
            coverage += 1.0 / (s.getSegment().getMask() + 1);
        }
        return coverage >= 0.999;
    }

    /** Tokens of segments this node does not claim, read without claiming them. */
    private boolean seenInStore(StreamingEventProcessor processor, long globalIndex) {
        try {
            Map<Integer, EventTrackerStatus> local = processor.processingStatus();
            var rows = jdbc.queryForList(
                    "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?", processor.getName());
            if (rows.isEmpty()) {
                return false;
            }
            for (Map<String, Object> row : rows) {
                int segment = ((Number) row.get("segment")).intValue();
                EventTrackerStatus s = local.get(segment);
                TrackingToken token = s != null ? s.getTrackingToken() : deserialize(row);
                if (token == null || !hasSeen(token, globalIndex)) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("Cannot read tokens of {}", processor.getName(), e);
            return false;
        }
    }

    private TrackingToken deserialize(Map<String, Object> row) {
        byte[] bytes = (byte[]) row.get("token");
        String type = (String) row.get("token_type");
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
