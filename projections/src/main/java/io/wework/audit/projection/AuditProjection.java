package io.wework.audit.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.common.api.MetadataKeys;
import io.wework.platform.axon.AxonInfrastructureConfig;
import io.wework.platform.events.EventContract;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail: every event of every aggregate under its public name, with who caused it and a
 * payload whose {@code @Sensitive} fields read {@code ***} (the event contract, {@link EventContract}).
 * Idempotent per global index, so a replay rewrites the same rows. Events come from the JPA event
 * store, whose rows it keys on.
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = "audit";
    private static final ObjectMapper STORAGE_JSON = AxonInfrastructureConfig.storageObjectMapper();

    private final JdbcTemplate jdbc;

    public AuditProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws JsonProcessingException {
        String aggregateType = null;
        String aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        pending().add(new Object[] {event.getIdentifier(), EventContract.publicName(event.getPayloadType()), event.getPayloadType().getName(),
                aggregateType, aggregateId, sequence, Timestamp.from(event.getTimestamp()),
                meta(event, MetadataKeys.ACTOR_ID), meta(event, MetadataKeys.CORRELATION_ID), meta(event, MetadataKeys.CLIENT_IP),
                STORAGE_JSON.writeValueAsString(EventContract.masked(payload)), event.getIdentifier()});
    }

    /** The rows of the batch being handled; written in one JDBC batch when its unit of work prepares to commit. */
    private java.util.List<Object[]> pending() {
        var unitOfWork = org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(AuditProjection.class.getName(), key -> {
            java.util.List<Object[]> rows = new java.util.ArrayList<>();
            unitOfWork.onPrepareCommit(u -> {
                if (!rows.isEmpty()) {
                    // The event's own global index comes from the store: a tracking token's position is the
                    // highest index seen, which for an event filling an earlier gap is not that event's index.
                    jdbc.batchUpdate("INSERT INTO audit_log (global_index, event_id, event_type, payload_type, aggregate_type, "
                            + "aggregate_id, sequence_number, occurred_at, actor_id, correlation_id, client_ip, payload) "
                            + "SELECT d.global_index, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb FROM domain_event_entry d "
                            + "WHERE d.event_identifier = ? ON CONFLICT (global_index) DO NOTHING", rows);
                }
            });
            return rows;
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE audit_log");
    }

    private static String meta(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
