package io.wework.common.api;

import java.util.Map;
import java.util.Optional;

/**
 * A rule of the domain refused a request. Carries a stable machine-readable {@code code} and a
 * {@link Kind} the HTTP layer maps to a status; the message is safe to show to the client.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        VALIDATION, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_REQUIRED, TOO_MANY_REQUESTS, UNAVAILABLE
    }

    private final String code;
    private final Kind kind;

    public DomainException(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The problem body's {@code detail} as an object, for the few refusals a client reads field by
     * field (WeWork's 428 {@code PROFILE_INCOMPLETE}); empty when the detail is the message, as usual.
     */
    public Optional<Map<String, Object>> structuredDetail() {
        return Optional.empty();
    }
}
