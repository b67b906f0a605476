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

    public static String of(String simpleName) {
        String base = simpleName.endsWith("Event") ? simpleName.substring(0, simpleName.length() - 5) : simpleName;
        String snake = base.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
        int first = snake.indexOf('_');
        return first < 0 ? snake : snake.substring(0, first) + "." + snake.substring(first + 1);
    }
}
