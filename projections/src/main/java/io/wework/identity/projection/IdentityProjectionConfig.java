package io.wework.identity.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityProjectionConfig {

    /**
     * The inline users projection runs in the command's transaction: when it cannot write the row,
     * the command must fail and store nothing (Axon's default would log and go on, leaving the
     * read model behind an answered command).
     */
    @Bean
    ConfigurerModule propagateInlineProjectionFailures() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(UserInlineProjection.GROUP, config -> PropagatingErrorHandler.instance()));
    }

    /**
     * The replay-only users processor has no live traffic to monitor; per-event latency and count
     * monitors cost a sixth of its replay time (each reads the event's timestamp and metadata).
     */
    @Bean
    ConfigurerModule noMonitorsOnTheReplayOnlyProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerMessageMonitorFactory(
                UserProjection.GROUP, (config, componentType, componentName) -> NoOpMessageMonitor.instance()));
    }
}
