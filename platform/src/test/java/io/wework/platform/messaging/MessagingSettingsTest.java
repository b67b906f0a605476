package io.wework.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The timeouts' defaults live in the settings records, and the properties override them. */
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
        assertThatThrownBy(() -> binder(Map.of("wework.commands.timeout", "0s")).bindOrCreate("wework.commands", CommandSettings.class))
                .isInstanceOf(BindException.class).hasRootCauseMessage("wework.commands.timeout must be positive, got PT0S");
        assertThatThrownBy(() -> new QuerySettings(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
