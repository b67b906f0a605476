package io.wework.identity.query;

import io.wework.common.api.MetadataKeys;
import io.wework.platform.events.EventContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** A user's own account events, read from the event store: newest first, without their {@code @Sensitive} fields. */
@Component
public class AccountHistory {

    public record HistoryEntry(String type, long sequence, Instant occurredAt, String actorId, String correlationId,
                               Map<String, Object> data) {
    }

    private final EventStore eventStore;

    public AccountHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<HistoryEntry> of(String userId) {
        List<HistoryEntry> entries = new ArrayList<>();
        eventStore.readEvents(userId, 0).asStream().forEach(event -> {
            DomainEventMessage<?> e = event;
            Map<String, Object> data = EventContract.publicPayload(e.getPayload());
            data.remove("user_id");
            entries.add(new HistoryEntry(EventContract.publicName(e.getPayloadType()), e.getSequenceNumber(), e.getTimestamp(),
                    (String) e.getMetaData().get(MetadataKeys.ACTOR_ID), (String) e.getMetaData().get(MetadataKeys.CORRELATION_ID),
                    data));
        });
        Collections.reverse(entries);
        return entries;
    }
}
