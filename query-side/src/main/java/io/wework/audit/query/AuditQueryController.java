package io.wework.audit.query;

import io.wework.audit.api.AuditPage;
import io.wework.audit.api.FindAuditEntriesQuery;
import io.wework.common.api.DomainException;
import io.wework.platform.messaging.QuerySender;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/audit}: a {@link FindAuditEntriesQuery}, answered by {@link AuditQueryHandler}
 * within {@code wework.queries.timeout}.
 */
@RestController
public class AuditQueryController {

    private final QuerySender queries;

    public AuditQueryController(QuerySender queries) {
        this.queries = queries;
    }

    @GetMapping("/api/admin/audit")
    public AuditPage audit(@RequestParam(name = "aggregate_id", required = false) String aggregateId,
                           @RequestParam(name = "aggregate_type", required = false) String aggregateType,
                           @RequestParam(name = "actor_id", required = false) String actorId,
                           @RequestParam(name = "event_type", required = false) String eventType,
                           @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                           @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                           @RequestParam(name = "skip", defaultValue = "0") int skip,
                           @RequestParam(name = "limit", defaultValue = "50") int limit) {
        if (skip < 0 || limit < 1 || limit > 500) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed",
                    "skip must be >= 0 and limit between 1 and 500");
        }
        return queries.ask(new FindAuditEntriesQuery(aggregateId, aggregateType, actorId, eventType, from, to, skip, limit),
                AuditPage.class);
    }
}
