package io.wework.identity.api;

import io.wework.common.api.DomainException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's profile lacks fields an endpoint needs ({@link RequireProfile}): HTTP 428 with
 * WeWork's body, {@code detail: {message, missing_fields, error_code: "PROFILE_INCOMPLETE"}}.
 */
public class ProfileIncompleteException extends DomainException {

    private final List<String> missingFields;

    public ProfileIncompleteException(List<String> missingFields) {
        super(Kind.PRECONDITION_REQUIRED, "profile_incomplete",
                "Complete your profile first: " + String.join(", ", missingFields));
        this.missingFields = List.copyOf(missingFields);
    }

    public List<String> missingFields() {
        return missingFields;
    }

    @Override
    public Optional<Map<String, Object>> structuredDetail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", getMessage());
        detail.put("missing_fields", missingFields);
        detail.put("error_code", "PROFILE_INCOMPLETE");
        return Optional.of(detail);
    }
}
