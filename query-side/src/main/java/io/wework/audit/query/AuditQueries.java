package io.wework.audit.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.audit.api.AuditEntryView;
import io.wework.audit.api.AuditPage;
import io.wework.audit.api.FindAuditEntriesQuery;
import io.wework.common.api.DomainException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/audit}: served from the indexed {@code audit_log} projection. */
@RestController
public class AuditQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final QueryGateway queries;

    public AuditQueries(JdbcTemplate jdbc, QueryGateway queries) {
        this.jdbc = jdbc;
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
        return queries.query(new FindAuditEntriesQuery(aggregateId, aggregateType, actorId, eventType, from, to, skip, limit),
                ResponseTypes.instanceOf(AuditPage.class)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @QueryHandler
    public AuditPage handle(FindAuditEntriesQuery q) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        add(where, args, "aggregate_id = ?", q.aggregateId());
        add(where, args, "aggregate_type = ?", q.aggregateType());
        add(where, args, "actor_id = ?", q.actorId());
        add(where, args, "event_type = ?", q.eventType());
        add(where, args, "occurred_at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
        add(where, args, "occurred_at < ?", q.to() == null ? null : Timestamp.from(q.to()));
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_log" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(q.limit());
        pageArgs.add(q.skip());
        List<AuditEntryView> items = jdbc.query("SELECT * FROM audit_log" + where
                + " ORDER BY global_index DESC LIMIT ? OFFSET ?", (rs, i) -> new AuditEntryView(
                rs.getLong("global_index"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"),
                rs.getObject("sequence_number") == null ? null : rs.getLong("sequence_number"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_id"), rs.getString("correlation_id"),
                rs.getString("client_ip"), parse(rs.getString("payload"))), pageArgs.toArray());
        return new AuditPage(total == null ? 0 : total, items);
    }

    private static void add(StringBuilder where, List<Object> args, String condition, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" AND ").append(condition);
            args.add(value);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (Exception e) {
            return Map.of();
        }
    }
}
