package io.wework.audit.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.audit.api.AuditEntryView;
import io.wework.audit.api.AuditPage;
import io.wework.audit.api.FindAuditEntriesQuery;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers {@link FindAuditEntriesQuery} from the indexed {@code audit_log} projection. */
@Component
public class AuditQueryHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public AuditQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
