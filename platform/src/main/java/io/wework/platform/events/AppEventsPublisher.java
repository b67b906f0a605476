package io.wework.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.platform.axon.AxonInfrastructureConfig;
import io.wework.platform.redis.AfterCommitPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.springframework.stereotype.Component;

/**
 * The outbound feed WeWork's dispatcher had: every domain event on Redis channel {@value #CHANNEL}
 * as {@code {"id","type":"user.registered","payload":{...},"occurred_at"}} (payload in snake_case,
 * secrets left out). Runs in its own streaming processor: one node handles each event (segments
 * are claimed across the deployment), and the message is published only after the processor's
 * token has committed, so an event is published at most once per deployment. Replays publish
 * nothing.
 */
@Component
@ProcessingGroup(AppEventsPublisher.GROUP)
public class AppEventsPublisher {

    public static final String GROUP = "app-events";
    public static final String CHANNEL = "app_events";
    private static final ObjectMapper STORAGE_JSON = AxonInfrastructureConfig.storageObjectMapper();
    private static final ObjectMapper WIRE_JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final AfterCommitPublisher redis;

    public AppEventsPublisher(AfterCommitPublisher redis) {
        this.redis = redis;
    }

    @EventHandler
    @SuppressWarnings("unchecked")
    void on(Object payload, EventMessage<?> event, ReplayStatus replay) throws JsonProcessingException {
        if (replay.isReplay()) {
            return;
        }
        Map<String, Object> data = SensitiveFields.drop(STORAGE_JSON.convertValue(payload, Map.class));
        Map<String, Object> snake = EventNames.snakeCaseKeys(data);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", event.getIdentifier());
        message.put("type", EventNames.of(event.getPayloadType()));
        message.put("payload", snake);
        message.put("occurred_at", event.getTimestamp().toString());
        redis.publish(CHANNEL, WIRE_JSON.writeValueAsString(message));
    }

    @ResetHandler
    void reset() {
        // nothing kept: a reset only moves the position
    }
}
