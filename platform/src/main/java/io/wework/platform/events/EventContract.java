package io.wework.platform.events;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import io.wework.platform.axon.AxonInfrastructureConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the event contract of shared-api for everything that shows events outside the event store
 * (the {@code app_events} feed, the audit trail, a user's history, the dead-letter listing): an event's
 * public name from {@link PublicEvent}, and its payload with the {@link Sensitive} fields masked or left
 * out. Nothing is guessed from names. What it learns of a class is worked out once and kept.
 *
 * <p>Payloads are read with the event store's own {@code ObjectMapper}, so the fields are the stored
 * JSON's fields; nested objects (and lists of them) are redacted by their own class's annotations.
 */
public final class EventContract {

    /** What a masked value reads. */
    public static final String MASK = "***";

    private static final ObjectMapper STORAGE_JSON = AxonInfrastructureConfig.storageObjectMapper();

    private static final ClassValue<Redaction> REDACTIONS = new ClassValue<>() {
        @Override
        protected Redaction computeValue(Class<?> type) {
            return Redaction.of(type);
        }
    };

    private EventContract() {
    }

    /**
     * The public name of an event class ({@code user.registered}).
     *
     * @throws IllegalArgumentException when the class carries no {@link PublicEvent}: an event without a
     *         name is a defect, never given a made-up one
     */
    public static String publicName(Class<?> eventType) {
        PublicEvent name = eventType.getAnnotation(PublicEvent.class);
        if (name == null) {
            throw new IllegalArgumentException(eventType.getName() + " has no @PublicEvent name");
        }
        return name.value();
    }

    /** The JSON property names of {@code type}'s {@link Sensitive} fields (nested objects not included). */
    public static Set<String> sensitiveFields(Class<?> type) {
        return REDACTIONS.get(type).sensitive();
    }

    /** The payload as stored (its fields as the event store names them), each sensitive value reading {@value #MASK}. */
    public static Map<String, Object> masked(Object payload) {
        return redact(payload, true);
    }

    /** The payload as stored (its fields as the event store names them), without its sensitive fields. */
    public static Map<String, Object> withoutSensitive(Object payload) {
        return redact(payload, false);
    }

    /**
     * The payload as events are shown over the API and on the feed: sensitive fields left out and the
     * top-level field names in snake_case ({@code refreshTokenHash} → {@code refresh_token_hash}).
     */
    public static Map<String, Object> publicPayload(Object payload) {
        Map<String, Object> out = new LinkedHashMap<>();
        withoutSensitive(payload).forEach((key, value) -> out.put(snakeCase(key), value));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redact(Object payload, boolean mask) {
        Map<String, Object> data = STORAGE_JSON.convertValue(payload, Map.class);
        return REDACTIONS.get(payload.getClass()).apply(data, mask);
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * One class's sensitive JSON properties, and the class of each property holding further objects (a
     * nested object, or the elements of a list or array), whose own redaction is looked up when applied.
     */
    private record Redaction(Set<String> sensitive, Map<String, Class<?>> nested) {

        static Redaction of(Class<?> type) {
            BeanDescription description = STORAGE_JSON.getSerializationConfig().introspect(STORAGE_JSON.constructType(type));
            Set<String> sensitive = new java.util.HashSet<>();
            Map<String, Class<?>> nested = new java.util.HashMap<>();
            for (BeanPropertyDefinition property : description.findProperties()) {
                boolean marked = Stream.<Annotated>of(property.getField(), property.getGetter(), property.getConstructorParameter())
                        .anyMatch(member -> member != null && member.hasAnnotation(Sensitive.class));
                if (marked) {
                    sensitive.add(property.getName());
                    continue;
                }
                JavaType valueType = property.getPrimaryType();
                if (valueType.isCollectionLikeType() || valueType.isArrayType()) {
                    valueType = valueType.getContentType();
                }
                if (valueType != null && holdsFields(valueType.getRawClass())) {
                    nested.put(property.getName(), valueType.getRawClass());
                }
            }
            return new Redaction(Set.copyOf(sensitive), Map.copyOf(nested));
        }

        /** A class of ours whose properties may themselves be marked (not a JDK type, an enum or a map). */
        private static boolean holdsFields(Class<?> type) {
            return !type.isPrimitive() && !type.isEnum() && !type.isArray() && !Map.class.isAssignableFrom(type)
                    && !Collection.class.isAssignableFrom(type) && !type.getName().startsWith("java.");
        }

        Map<String, Object> apply(Map<String, Object> data, boolean mask) {
            Map<String, Object> out = new LinkedHashMap<>();
            data.forEach((key, value) -> {
                if (sensitive.contains(key)) {
                    if (mask) {
                        out.put(key, value == null ? null : MASK);
                    }
                } else if (nested.containsKey(key)) {
                    out.put(key, applyNested(REDACTIONS.get(nested.get(key)), value, mask));
                } else {
                    out.put(key, value);
                }
            });
            return out;
        }

        @SuppressWarnings("unchecked")
        private static Object applyNested(Redaction redaction, Object value, boolean mask) {
            if (value instanceof Map<?, ?> object) {
                return redaction.apply((Map<String, Object>) object, mask);
            }
            if (value instanceof Collection<?> list) {
                return list.stream().map(element -> applyNested(redaction, element, mask)).collect(Collectors.toList());
            }
            return value;
        }
    }
}
