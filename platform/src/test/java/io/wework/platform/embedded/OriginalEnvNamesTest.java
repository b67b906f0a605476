package io.wework.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.platform.security.JwtProperties;
import io.wework.platform.security.SecuritySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The original's environment names reach the settings records; Spring's own names win. */
class OriginalEnvNamesTest {

    private static final String SECRET = "I1D471XtdNaWXmPm0b689ND60nybvOtWYL0CgziYTXU=";

    /** An environment whose OS environment is {@code env}, post-processed as at start. */
    private static StandardEnvironment environment(Map<String, Object> env) {
        return environment(env, Map.of());
    }

    /** The same with an application.yml, which Boot reads before the post-processors run. */
    private static StandardEnvironment environment(Map<String, Object> env, Map<String, Object> applicationYml) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", applicationYml));
        ConfigurationPropertySources.attach(environment);
        new OriginalEnvNamesMapper().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static <T> T bind(StandardEnvironment environment, String prefix, Class<T> type) {
        return Binder.get(environment).bindOrCreate(prefix, type);
    }

    @Test
    void theOriginalNamesFeedTheirSettings() {
        StandardEnvironment env = environment(Map.of("JWT_SECRET_KEY", SECRET, "JWT_ALGORITHM", "HS256",
                "JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "15", "WEWORK_DATA_DIR", "/srv/wework",
                "WEWORK_ENCRYPTION_KEY", "a2V5"));
        JwtProperties jwt = bind(env, "wework.security.jwt", JwtProperties.class);
        assertThat(jwt.secret()).isEqualTo(SECRET);
        assertThat(jwt.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(bind(env, "wework.embedded", EmbeddedSettings.class).dataPath()).isEqualTo(Path.of("/srv/wework"));
        assertThat(bind(env, "wework.security", SecuritySettings.class).encryptionKey()).isEqualTo("a2V5");
    }

    @Test
    void withoutThemTheRecordsDefaultsApply() {
        StandardEnvironment env = environment(Map.of("JWT_ALGORITHM", " "));
        JwtProperties jwt = bind(env, "wework.security.jwt", JwtProperties.class);
        assertThat(jwt.secret()).isNull();
        assertThat(jwt.algorithm()).isEqualTo("HS256"); // a blank original value counts as unset
        assertThat(jwt.accessTokenTtl()).isEqualTo(Duration.ofMinutes(60));
        assertThat(jwt.issuer()).isEqualTo("wework");
        assertThat(bind(env, "wework.embedded", EmbeddedSettings.class).dataPath()).isEqualTo(Path.of("./data"));
    }

    @Test
    void springsOwnNameWinsWhereverItIsSet() {
        StandardEnvironment env = environment(Map.of("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "15",
                "WEWORK_SECURITY_JWT_ACCESS_TOKEN_TTL", "2h"), Map.of("wework.embedded.data-dir", "/from/yml"));
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("WEWORK_DATA_DIR", "/from/original")));
        assertThat(bind(env, "wework.security.jwt", JwtProperties.class).accessTokenTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(bind(env, "wework.embedded", EmbeddedSettings.class).dataPath()).isEqualTo(Path.of("/from/yml"));
    }

    @Test
    void anOriginalNameAddedAfterStartIsReadWhenTheSettingsAreBound() {
        StandardEnvironment env = environment(Map.of());
        // e.g. a test's @DynamicPropertySource, added once the environment post-processors have run
        env.getPropertySources().addFirst(new MapPropertySource("dynamic", Map.of("JWT_SECRET_KEY", SECRET)));
        assertThat(bind(env, "wework.security.jwt", JwtProperties.class).secret()).isEqualTo(SECRET);
        assertThat(env.getProperty("wework.security.jwt.secret")).isEqualTo(SECRET);
    }
}
