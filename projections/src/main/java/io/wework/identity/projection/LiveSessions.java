package io.wework.identity.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sessions of a user that have not ended, each with the instant its refresh token expires: the
 * read model's copy of the {@code User} aggregate's refresh-token families. An access token is accepted
 * only while its session ({@code sid}) is here. Immutable; in {@code users_view.sessions} as a JSON object
 * {@code {"<session id>": "<refresh token expiry>"}}.
 */
public final class LiveSessions {

    public static final LiveSessions NONE = new LiveSessions(new TreeMap<>());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> SHAPE = new TypeReference<>() { };

    private final TreeMap<String, Instant> expiries;

    private LiveSessions(TreeMap<String, Instant> expiries) {
        this.expiries = expiries;
    }

    /** A session started at {@code now}: added, and those whose refresh token had expired dropped (as the aggregate does). */
    public LiveSessions started(String sessionId, Instant expiresAt, Instant now) {
        TreeMap<String, Instant> next = new TreeMap<>(expiries);
        next.values().removeIf(expiry -> expiry != null && expiry.isBefore(now));
        next.put(sessionId, expiresAt);
        return new LiveSessions(next);
    }

    /** A session's refresh token rotated: it lives on (and is known from now on, as in the aggregate). */
    public LiveSessions refreshed(String sessionId, Instant expiresAt) {
        TreeMap<String, Instant> next = new TreeMap<>(expiries);
        next.put(sessionId, expiresAt);
        return new LiveSessions(next);
    }

    public LiveSessions ended(String sessionId) {
        if (!expiries.containsKey(sessionId)) {
            return this;
        }
        TreeMap<String, Instant> next = new TreeMap<>(expiries);
        next.remove(sessionId);
        return new LiveSessions(next);
    }

    public boolean contains(String sessionId) {
        return sessionId != null && expiries.containsKey(sessionId);
    }

    /** The session ids, sorted. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(expiries.keySet());
    }

    public String toJson() {
        TreeMap<String, String> out = new TreeMap<>();
        expiries.forEach((id, expiry) -> out.put(id, expiry == null ? null : expiry.toString()));
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code null} or blank (a row written before sessions were kept) reads as no session. */
    public static LiveSessions fromJson(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        try {
            TreeMap<String, Instant> expiries = new TreeMap<>();
            for (Map.Entry<String, String> e : JSON.readValue(json, SHAPE).entrySet()) {
                expiries.put(e.getKey(), e.getValue() == null ? null : Instant.parse(e.getValue()));
            }
            return new LiveSessions(expiries);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a sessions column: " + json, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiveSessions other && expiries.equals(other.expiries);
    }

    @Override
    public int hashCode() {
        return expiries.hashCode();
    }

    @Override
    public String toString() {
        return "LiveSessions" + expiries.keySet();
    }

    /** JPA: the column's JSON text. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<LiveSessions, String> {
        @Override
        public String convertToDatabaseColumn(LiveSessions sessions) {
            return sessions == null ? null : sessions.toJson();
        }

        @Override
        public LiveSessions convertToEntityAttribute(String json) {
            return fromJson(json);
        }
    }
}
