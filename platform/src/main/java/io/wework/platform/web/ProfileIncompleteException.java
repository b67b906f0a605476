package io.wework.platform.web;

import java.util.List;

/**
 * The caller's profile lacks fields an endpoint needs: HTTP 428 with WeWork's body,
 * {@code detail: {message, missing_fields, error_code: "PROFILE_INCOMPLETE"}}.
 */
public class ProfileIncompleteException extends RuntimeException {

    private final List<String> missingFields;

    public ProfileIncompleteException(List<String> missingFields) {
        super("Complete your profile first: " + String.join(", ", missingFields), null, false, false);
        this.missingFields = List.copyOf(missingFields);
    }

    public List<String> missingFields() {
        return missingFields;
    }
}
