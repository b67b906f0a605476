package io.wework.events.query;

import io.wework.platform.security.CurrentUser;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/events/stream} (admins): the {@code app_events} feed as Server-Sent Events, one
 * {@code app_event} per domain event, for as long as the caller's token would still be accepted
 * ({@link EventStreamSubscribers}).
 */
@RestController
public class EventStreamController {

    private final EventStreamSubscribers subscribers;

    public EventStreamController(EventStreamSubscribers subscribers) {
        this.subscribers = subscribers;
    }

    @GetMapping(path = "/api/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() throws IOException {
        return subscribers.subscribe(CurrentUser.required());
    }
}
