package io.wework.events.query;

import io.wework.events.projection.AppEventsPublisher;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * This node's one subscription to the Redis channel {@code app_events}, whose messages go to the
 * event stream's clients ({@link EventStreamSubscribers}).
 */
@Configuration(proxyBeanMethods = false)
public class AppEventsSubscriptionConfig {

    @Bean
    RedisMessageListenerContainer appEventsListener(RedisConnectionFactory connections, EventStreamSubscribers subscribers) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        // one long-lived thread delivers the messages in order (the default starts a thread per message)
        container.setTaskExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "app-events-sse");
            t.setDaemon(true);
            return t;
        }));
        container.addMessageListener((message, pattern) -> subscribers.broadcast(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic(AppEventsPublisher.CHANNEL));
        return container;
    }
}
