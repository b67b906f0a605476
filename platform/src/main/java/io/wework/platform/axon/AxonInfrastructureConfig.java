package io.wework.platform.axon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.wework.common.api.MetadataKeys;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon wiring shared by every module: one stable JSON format for everything Axon stores or sends,
 * correlation metadata on every message, request ids in the logs of event handlers.
 */
@Configuration(proxyBeanMethods = false)
public class AxonInfrastructureConfig {

    /**
     * The event store's own ObjectMapper. It is deliberately not a Spring bean, so no
     * {@code spring.jackson.*} setting or API customizer can change how stored events look.
     * Java (camelCase) property names, ISO-8601 instants, properties in a fixed order, unknown
     * properties tolerated (old events may carry fields a newer class dropped; upcasters handle
     * real shape changes).
     */
    public static ObjectMapper storageObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("wework-fast-instants")
                        .addDeserializer(java.time.Instant.class, new FastInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .build();
    }

    private static Serializer storageSerializer() {
        return JacksonSerializer.builder()
                .objectMapper(storageObjectMapper())
                .build();
    }

    /** General serializer: tokens, sagas, dead letters. */
    @Bean
    @Primary
    public Serializer serializer() {
        return storageSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return storageSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return storageSerializer();
    }

    /**
     * {@code causation_id} = the id of the message that caused this one;
     * {@code correlation_id} = the id of the whole chain (the HTTP request's correlation id).
     */
    @Bean
    public CorrelationDataProvider originProvider() {
        return notForReplays(new MessageOriginProvider(MetadataKeys.CAUSATION_ID, MetadataKeys.CORRELATION_ID));
    }

    /** Who and from where: copied from each handled message onto every message it causes. */
    @Bean
    public CorrelationDataProvider actorProvider() {
        return notForReplays(new SimpleCorrelationDataProvider(MetadataKeys.ACTOR_ID, MetadataKeys.CLIENT_IP, MetadataKeys.REQUEST_ID));
    }

    /**
     * A replayed event causes nothing new, so it passes no correlation data on. Axon asks the
     * providers for every message it creates while handling one (a result message per handler call),
     * which for a replay meant deserializing each event's metadata for nothing: a sixth of replay time.
     */
    private static CorrelationDataProvider notForReplays(CorrelationDataProvider provider) {
        return message -> org.axonframework.eventhandling.ReplayToken.isReplay(message)
                ? java.util.Map.of() : provider.correlationDataFor(message);
    }

    /**
     * The query bus as Axon's auto-configuration builds it, but without a transaction around every
     * query: query handlers answer from Redis first and open a database transaction only on a miss
     * (Spring Data's repository methods are transactional on their own). The transaction per query
     * cost a sixth of a cached read's CPU and made cached reads wait for a connection when PostgreSQL
     * was down.
     */
    @Bean
    @Qualifier("localSegment")
    public org.axonframework.queryhandling.SimpleQueryBus queryBus(org.axonframework.config.Configuration axonConfiguration) {
        return org.axonframework.queryhandling.SimpleQueryBus.builder()
                .messageMonitor(axonConfiguration.messageMonitor(org.axonframework.queryhandling.QueryBus.class, "queryBus"))
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .errorHandler(axonConfiguration.getComponent(org.axonframework.queryhandling.QueryInvocationErrorHandler.class,
                        () -> org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axonConfiguration.getComponent(org.axonframework.queryhandling.QueryUpdateEmitter.class))
                .spanFactory(axonConfiguration.getComponent(org.axonframework.queryhandling.QueryBusSpanFactory.class))
                .build();
    }

    /**
     * The source every pooled streaming processor reads ({@code axon.eventhandling.processors.*.source}):
     * the event store, plus a wake-up when new events arrive.
     */
    @Bean
    public NotifyingEventSource eventStreams(EventStore eventStore) {
        return new NotifyingEventSource(eventStore);
    }

    /** Request metadata on every dispatched command; request ids in the logs of every event handler. */
    @Bean
    public ConfigurerModule requestMetadataModule() {
        return configurer -> {
            configurer.eventProcessing(processing -> processing
                    .registerDefaultHandlerInterceptor((config, name) -> new MdcEventHandlerInterceptor()));
            configurer.onInitialize(config -> config.onStart(Phase.LOCAL_MESSAGE_HANDLER_REGISTRATIONS,
                    () -> config.commandBus().registerDispatchInterceptor(new RequestMetadataDispatchInterceptor())));
        };
    }
}
