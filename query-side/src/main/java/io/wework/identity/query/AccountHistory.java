package io.wework.identity.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.common.api.MetadataKeys;
import io.wework.platform.axon.AxonInfrastructureConfig;
import io.wework.platform.events.EventNames;
import io.wework.platform.events.SensitiveFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** A user's own account events, read from the event store: newest first, without secrets (hashes, tokens, codes). */
@Component
public class AccountHistory {

    private static final ObjectMapper STORAGE_JSON = AxonInfrastructureConfig.storageObjectMapper();

    public record HistoryEntry(String type, long sequence, Instant occurredAt, String actorId, String correlationId,
                               Map<String, Object> data) {
    }

    private final EventStore eventStore;

    public AccountHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @SuppressWarnings("unchecked")
    public List<HistoryEntry> of(String userId) {
        List<HistoryEntry> entries = new ArrayList<>();
        eventStore.readEvents(userId, 0).asStream().forEach(event -> {
            DomainEventMessage<?> e = event;
            Map<String, Object> data = SensitiveFields.drop(STORAGE_JSON.convertValue(e.getPayload(), Map.class));
            data.remove("userId");
            entries.add(new HistoryEntry(EventNames.of(e.getPayloadType()), e.getSequenceNumber(), e.getTimestamp(),
                    (String) e.getMetaData().get(MetadataKeys.ACTOR_ID), (String) e.getMetaData().get(MetadataKeys.CORRELATION_ID),
                    EventNames.snakeCaseKeys(data)));
        });
        Collections.reverse(entries);
        return entries;
    }
}
