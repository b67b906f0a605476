package io.wework.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The names the README gives for the first super_admin work as environment variables. */
class BootstrapSettingsTest {

    @Test
    void theDocumentedEnvironmentNamesBind() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("WEWORK_BOOTSTRAP_ADMIN_EMAIL", "root@example.com",
                                "WEWORK_BOOTSTRAP_ADMIN_PASSWORD", "correct horse battery")));
        ConfigurationPropertySources.attach(env);
        assertThat(Binder.get(env).bindOrCreate("wework.bootstrap", BootstrapSettings.class))
                .isEqualTo(new BootstrapSettings("root@example.com", "correct horse battery"));
    }
}
