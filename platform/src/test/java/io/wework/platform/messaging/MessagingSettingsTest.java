package io.wework.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** The timeouts' defaults live in the settings records, the properties override them, and a bad one is refused. */
class MessagingSettingsTest {

    private static Binder binder(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    @Test
    void defaultsWhenNothingIsSet() {
        assertThat(binder(Map.of()).bindOrCreate("wework.commands", CommandSettings.class).timeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(binder(Map.of()).bindOrCreate("wework.queries", QuerySettings.class).timeout())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void propertiesOverrideTheDefaults() {
        Binder binder = binder(Map.of("wework.commands.timeout", "5s", "wework.queries.timeout", "1500ms"));
        assertThat(binder.bindOrCreate("wework.commands", CommandSettings.class).timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(binder.bindOrCreate("wework.queries", QuerySettings.class).timeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aTimeoutMustBePositive() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        for (String timeout : new String[] {"0s", "-1s"}) {
            assertThatThrownBy(() -> binder(Map.of("wework.commands.timeout", timeout)).bindOrCreate("wework.commands",
                    Bindable.of(CommandSettings.class), new ValidationBindHandler(validator)))
                    .isInstanceOf(BindException.class).rootCause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("wework.commands.timeout");
            assertThatThrownBy(() -> binder(Map.of("wework.queries.timeout", timeout)).bindOrCreate("wework.queries",
                    Bindable.of(QuerySettings.class), new ValidationBindHandler(validator)))
                    .isInstanceOf(BindException.class).rootCause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("wework.queries.timeout");
        }
        validator.close();
    }
}
