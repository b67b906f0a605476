package io.wework.platform.axon;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JPA storage engine (the default, {@code wework.event-store.engine=jpa}), as Axon's
 * auto-configuration builds it but with the read batch and gap handling made explicit:
 * {@code wework.event-store.batch-size} events per query (Axon's default of 100 turned a 1M-event
 * replay into 10,000 queries) and a gap timeout above the longest append transaction.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wework.event-store.engine", havingValue = "jpa", matchIfMissing = true)
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa") // as Axon's auto-configuration does

public class JpaEventStoreConfig {

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 EntityManagerProvider entityManagerProvider,
                                                 TransactionManager transactionManager,
                                                 @Value("${wework.event-store.batch-size:1000}") int batchSize,
                                                 @Value("${wework.event-store.gap-timeout-ms:60000}") int gapTimeout) {
        return JpaEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .batchSize(batchSize)
                .gapTimeout(gapTimeout)
                .build();
    }
}
