package io.wework.platform.axon;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's JDBC storage engine on the Flyway-owned {@code domain_event_entry} and
 * {@code snapshot_event_entry} tables, in the same Spring-managed transaction as every other write
 * of a command (the connection comes from the transaction's {@code DataSourceUtils} binding).
 * Chosen over Axon's JPA engine by measurement (README, "Event store engine"): the JPA engine spent
 * a third of a command's request-thread CPU in Hibernate query interpretation and needed a separate
 * sequence round trip per event for the global index, which here is the column's default.
 * {@code wework.event-store.batch-size} events per read query (Axon's default of 100 made a
 * 1M-event replay 10,000 queries); the gap timeout stays above the longest append transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreSettings.class)
public class JdbcEventStoreConfig {

    @Bean
    public EventStorageEngine eventStorageEngine(DataSource dataSource, TransactionManager transactionManager,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 EventStoreSettings settings) {
        EventSchema schema = EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
        PersistenceExceptionResolver resolver;
        try {
            resolver = new SQLErrorCodesResolver(dataSource);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read the database product for error codes", e);
        }
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(resolver)
                .schema(schema)
                .dataType(byte[].class)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .batchSize(settings.batchSize())
                .gapTimeout(settings.gapTimeoutMs())
                .build();
    }
}
