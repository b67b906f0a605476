package io.wework.identity.command;

import io.wework.platform.axon.CheckedAggregateCache;
import io.wework.platform.security.AuthorizationRules;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class IdentityCommandConfig {

    /** A failed uniqueness claim must fail (and roll back) the command, not be logged and skipped. */
    @Bean
    ConfigurerModule propagateClaimFailures() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(IdentityClaimsUpdater.GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }

    @Bean
    AuthorizationRules identityCommandRules() {
        return registry -> registry
                .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                        "/api/auth/request-otp", "/api/auth/login-otp").permitAll();
    }

    /** Users with long histories load from a snapshot plus the events after it. */
    @Bean
    SnapshotTriggerDefinition userSnapshotTrigger(Snapshotter snapshotter,
                                                  SnapshotSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.userThreshold());
    }

    /**
     * Loaded {@code User} aggregates, kept between commands and checked against the event store on
     * every use (see {@link CheckedAggregateCache}): a command no longer reads a snapshot and replays
     * the events after it.
     */
    @Bean
    Cache userAggregateCache(ObjectProvider<EventStore> eventStore,
                    AggregateCacheSettings settings) {
        return new CheckedAggregateCache(settings.aggregatesPerType(), eventStore::getObject);
    }
}
