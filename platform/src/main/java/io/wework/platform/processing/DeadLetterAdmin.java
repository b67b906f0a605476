package io.wework.platform.processing;

import io.wework.common.api.DomainException;
import io.wework.platform.events.EventContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queues of the projections: an event whose handler failed is parked there (with
 * the later events of the same aggregate, to keep their order) while every other event keeps
 * flowing. Admins list, retry and delete them.
 */
@Component
public class DeadLetterAdmin {

    private static final int MAX_RETRIES_PER_CALL = 10_000;

    private final EventProcessingConfiguration processing;

    public DeadLetterAdmin(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public record DeadLetterView(String id, String processingGroup, String sequenceIdentifier, String eventId,
                                 String eventType, String causeType, String causeMessage, Instant enqueuedAt,
                                 Instant lastTouched) {
    }

    public List<DeadLetterView> list() {
        List<DeadLetterView> views = new ArrayList<>();
        for (String group : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(group).ifPresent(queue -> {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                        views.add(view(group, letter));
                    }
                }
            });
        }
        return views;
    }

    /** Retries every parked sequence of {@code group}; returns how many sequences were handled successfully. */
    public int retry(String group) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> notFound(group));
        int handled = 0;
        long before = queue(group).amountOfSequences();
        for (int i = 0; i < Math.min(before, MAX_RETRIES_PER_CALL); i++) {
            if (!processor.processAny()) {
                break;
            }
            handled++;
        }
        return handled;
    }

    /** Drops one dead letter (the event is then never applied by this projection, unless replayed). */
    public boolean delete(String group, String id) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter instanceof JpaDeadLetter<?> jpa && jpa.getId().equals(id)) {
                    @SuppressWarnings("unchecked")
                    DeadLetter<? extends EventMessage<?>> target = letter;
                    queue.evict(target);
                    return true;
                }
            }
        }
        return false;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> notFound(group));
    }

    private static DomainException notFound(String group) {
        return new DomainException(DomainException.Kind.NOT_FOUND, "dead_letter_queue_not_found",
                "No dead-letter queue for " + group);
    }

    private static DeadLetterView view(String group, DeadLetter<? extends EventMessage<?>> letter) {
        String id = letter instanceof JpaDeadLetter<?> jpa ? jpa.getId() : null;
        String sequence = letter instanceof JpaDeadLetter<?> jpa ? String.valueOf(jpa.getSequenceIdentifier()) : null;
        EventMessage<?> message = letter.message();
        return new DeadLetterView(id, group, sequence, message.getIdentifier(), EventContract.publicName(message.getPayloadType()),
                letter.cause().map(c -> c.type()).orElse(null), letter.cause().map(c -> c.message()).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
