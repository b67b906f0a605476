package io.wework.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Which payload fields are secrets (hashes, tokens, passwords, codes), to mask or drop when showing events. */
public final class SensitiveFields {

    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(password|hash|token|secret|code|otp).*");
    public static final String MASK = "***";

    private SensitiveFields() {
    }

    public static boolean isSensitive(String field) {
        return SENSITIVE.matcher(field).matches();
    }

    /** A copy with every sensitive field replaced by {@value #MASK} (nested maps too). */
    public static Map<String, Object> mask(Map<String, Object> payload) {
        return transform(payload, true);
    }

    /** A copy without the sensitive fields. */
    public static Map<String, Object> drop(Map<String, Object> payload) {
        return transform(payload, false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> transform(Map<String, Object> payload, boolean mask) {
        Map<String, Object> out = new LinkedHashMap<>();
        payload.forEach((key, value) -> {
            if (isSensitive(key)) {
                if (mask && value != null) {
                    out.put(key, MASK);
                } else if (mask) {
                    out.put(key, null);
                }
            } else if (value instanceof Map<?, ?> nested) {
                out.put(key, transform((Map<String, Object>) nested, mask));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
