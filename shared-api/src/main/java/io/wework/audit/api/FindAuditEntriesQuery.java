package io.wework.audit.api;

import java.time.Instant;

/** Audit filters (all optional), newest first, paged. */
public record FindAuditEntriesQuery(String aggregateId, String aggregateType, String actorId, String eventType,
                                    Instant from, Instant to, int skip, int limit) {
}
