package io.wework.support.deadline;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;

/**
 * Adds the test-only {@link Trial} aggregate to an application context. Deliberately not a
 * {@code @Configuration} (component scanning must not find it): a test passes it as an extra source to
 * the contexts it starts, together with a {@link TrialNode} singleton.
 */
public class TrialFeature {

    @Bean
    public ConfigurerModule trialAggregate() {
        return configurer -> configurer.configureAggregate(Trial.class);
    }
}
