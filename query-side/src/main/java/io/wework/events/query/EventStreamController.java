package io.wework.events.query;

import io.wework.events.projection.AppEventsPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/events/stream} (admins): the {@code app_events} feed as Server-Sent Events, one
 * {@code app_event} per domain event. Each node subscribes to the Redis channel once and fans the
 * messages out to its connected clients.
 */
@RestController
@Configuration(proxyBeanMethods = false)
public class EventStreamController {

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private final Duration timeout;

    public EventStreamController(@Value("${wework.events.sse-timeout:30m}") Duration timeout) {
        this.timeout = timeout;
    }

    @GetMapping(path = "/api/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() throws IOException {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        emitter.send(SseEmitter.event().comment("subscribed to " + AppEventsPublisher.CHANNEL));
        return emitter;
    }

    void broadcast(String json) {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().name("app_event").data(json, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                emitters.remove(emitter);
            }
        }
    }

    @Bean
    RedisMessageListenerContainer appEventsListener(RedisConnectionFactory connections) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // one long-lived thread delivers the messages in order (the default starts a thread per message)
        container.setTaskExecutor(java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "app-events-sse");
            t.setDaemon(true);
            return t;
        }));
        container.addMessageListener((message, pattern) -> broadcast(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic(AppEventsPublisher.CHANNEL));
        return container;
    }
}
