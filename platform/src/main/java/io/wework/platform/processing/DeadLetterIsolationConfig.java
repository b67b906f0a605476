package io.wework.platform.processing;

import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A projection that cannot handle an event dead-letters it and goes on with the next one, even when
 * the failure is PostgreSQL refusing a row (which aborts the transaction) at the end of a batch:
 * {@link FailedBatches} remembers a failed batch, {@link IsolatingHandlerEnhancer} retries its events
 * one by one in savepoints, {@link DeadLetterCausePolicy} writes a cause the dead-letter row can hold.
 * Processors without a dead-letter queue keep Axon's behaviour (the error propagates and the batch
 * is retried).
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterIsolationConfig {

    /** An Axon handler enhancer: Axon's Spring configuration applies every such bean to every handler. */
    @Bean
    public IsolatingHandlerEnhancer isolatingHandlerEnhancer(DataSource dataSource) {
        return new IsolatingHandlerEnhancer(dataSource);
    }

    @Bean
    public ConfigurerModule deadLetterIsolation() {
        return configurer -> {
            FailedBatches failed = new FailedBatches();
            configurer.eventProcessing(processing -> processing
                    .registerDefaultErrorHandler(failed::in)
                    .registerDefaultHandlerInterceptor((config, processor) -> failed.in(config).interceptor(processor))
                    .registerDefaultDeadLetterPolicy(config -> new DeadLetterCausePolicy()));
        };
    }
}
