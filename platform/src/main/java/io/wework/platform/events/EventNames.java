package io.wework.platform.events;

/**
 * WeWork's public event names, {@code entity.action} as the original dispatcher used them:
 * {@code UserRegisteredEvent} → {@code user.registered}, {@code SessionStartedEvent} →
 * {@code session.started}, {@code UserLoggedInEvent} → {@code user.logged_in}.
 */
public final class EventNames {

    private EventNames() {
    }

    public static String of(Class<?> eventType) {
        return of(eventType.getSimpleName());
    }

    /** The same map with camelCase keys written snake_case (event payloads shown over the API). */
    public static java.util.Map<String, Object> snakeCaseKeys(java.util.Map<String, Object> data) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    public static String of(String simpleName) {
        String base = simpleName.endsWith("Event") ? simpleName.substring(0, simpleName.length() - 5) : simpleName;
        String snake = base.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
        int first = snake.indexOf('_');
        return first < 0 ? snake : snake.substring(0, first) + "." + snake.substring(first + 1);
    }
}
