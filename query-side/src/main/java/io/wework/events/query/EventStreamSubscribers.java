package io.wework.events.query;

import io.wework.events.projection.AppEventsPublisher;
import io.wework.platform.security.AccessTokenGuard;
import io.wework.platform.security.AuthenticatedUser;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The clients connected to this node's event stream: each gets one {@code app_event} per message of
 * the {@code app_events} feed, until it disconnects, its connection reaches
 * {@code wework.events.sse-timeout} ({@link EventStreamSettings}), or it loses the right to read the
 * feed. Before each delivery the subscriber's token is checked again, as a new request would be
 * ({@link AccessTokenGuard}: session ended, role changed, account deactivated, on whichever node it
 * happened) and against its expiry; a refused subscriber's stream is closed instead.
 */
@Component
public class EventStreamSubscribers {

    private final Map<SseEmitter, AuthenticatedUser> emitters = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final AccessTokenGuard guard;
    private final Clock clock;

    public EventStreamSubscribers(EventStreamSettings settings, AccessTokenGuard guard, Clock clock) {
        this.timeout = settings.sseTimeout();
        this.guard = guard;
        this.clock = clock;
    }

    /** A new client reading as {@code subscriber}: its emitter, already greeted with a comment so it sees the stream open. */
    public SseEmitter subscribe(AuthenticatedUser subscriber) throws IOException {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        emitters.put(emitter, subscriber);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitter.send(SseEmitter.event().comment("subscribed to " + AppEventsPublisher.CHANNEL));
        return emitter;
    }

    /**
     * Sends one feed message (JSON) to every client still allowed to read it; a client that is no longer
     * allowed is closed, one that cannot take the message is dropped.
     */
    public void broadcast(String json) {
        for (Map.Entry<SseEmitter, AuthenticatedUser> entry : emitters.entrySet()) {
            SseEmitter emitter = entry.getKey();
            if (refused(entry.getValue())) {
                emitters.remove(emitter);
                emitter.complete();
                continue;
            }
            try {
                emitter.send(SseEmitter.event().name("app_event").data(json, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }

    /** Whether the subscriber's token would be refused now (when it cannot be checked, it is). */
    private boolean refused(AuthenticatedUser subscriber) {
        if (subscriber.expiresAt() != null && !subscriber.expiresAt().isAfter(clock.instant())) {
            return true;
        }
        try {
            Optional<String> refusal = guard.refusal(subscriber);
            return refusal.isPresent();
        } catch (AccessTokenGuard.Unavailable e) {
            return true;
        }
    }
}
