package io.wework.events.query;

import io.wework.events.projection.AppEventsPublisher;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The clients connected to this node's event stream: each gets one {@code app_event} per message of
 * the {@code app_events} feed, until it disconnects or its connection reaches
 * {@code wework.events.sse-timeout} ({@link EventStreamSettings}).
 */
@Component
public class EventStreamSubscribers {

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private final Duration timeout;

    public EventStreamSubscribers(EventStreamSettings settings) {
        this.timeout = settings.sseTimeout();
    }

    /** A new client: its emitter, already greeted with a comment so the client sees the stream open. */
    public SseEmitter subscribe() throws IOException {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitter.send(SseEmitter.event().comment("subscribed to " + AppEventsPublisher.CHANNEL));
        return emitter;
    }

    /** Sends one feed message (JSON) to every client; a client that cannot take it is dropped. */
    public void broadcast(String json) {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name("app_event").data(json, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }
}
