package io.wework.audit.api;

import java.time.Instant;
import java.util.Map;

/** One audited event; {@code payload}'s sensitive fields read {@code ***}. */
public record AuditEntryView(long globalIndex, String eventId, String eventType, String aggregateType, String aggregateId,
                             Long sequence, Instant timestamp, String actorId, String correlationId, String clientIp,
                             Map<String, Object> payload) {
}
