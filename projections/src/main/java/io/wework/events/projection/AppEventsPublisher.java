package io.wework.events.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wework.platform.events.EventContract;
import io.wework.platform.redis.AfterCommitPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * The outbound feed WeWork's dispatcher had: every domain event on Redis channel {@value #CHANNEL}
 * as {@code {"id","type":"user.registered","payload":{...},"occurred_at"}} (the event's public name,
 * its payload in snake_case without its {@code @Sensitive} fields, see {@link EventContract}). Runs in
 * its own streaming processor: one node handles each event (segments are claimed across the
 * deployment), and the message is published only after the processor's token has committed, so an
 * event is published at most once per deployment. Replays publish nothing.
 */
@Component
@ProcessingGroup(AppEventsPublisher.GROUP)
public class AppEventsPublisher {

    public static final String GROUP = "app-events";
    public static final String CHANNEL = "app_events";
    private static final ObjectMapper WIRE_JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final AfterCommitPublisher redis;

    public AppEventsPublisher(AfterCommitPublisher redis) {
        this.redis = redis;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event, ReplayStatus replay) throws JsonProcessingException {
        if (replay.isReplay()) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", event.getIdentifier());
        message.put("type", EventContract.publicName(event.getPayloadType()));
        message.put("payload", EventContract.publicPayload(payload));
        message.put("occurred_at", event.getTimestamp().toString());
        redis.publish(CHANNEL, WIRE_JSON.writeValueAsString(message));
    }

    @ResetHandler
    void reset() {
        // nothing kept: a reset only moves the position
    }
}
