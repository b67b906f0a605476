package io.wework.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * The two environment post-processors of the platform, {@link OriginalEnvNamesMapper} and
 * {@link EmbeddedServersStarter}, as Spring Boot finds and orders them.
 */
class EnvironmentPostProcessorsTest {

    /** Ours among the post-processors registered in META-INF/spring.factories, in the order Boot runs them. */
    private static List<EnvironmentPostProcessor> registered() {
        List<EnvironmentPostProcessor> all = new java.util.ArrayList<>(SpringFactoriesLoader
                .forDefaultResourceLocation(EnvironmentPostProcessorsTest.class.getClassLoader())
                .load(EnvironmentPostProcessor.class, null, (type, name, failure) -> {
                    // Boot's own need constructor arguments; only ours matter here
                }).stream()
                .filter(p -> p.getClass().getPackageName().startsWith("io.wework.platform"))
                .toList());
        AnnotationAwareOrderComparator.sort(all);
        return all;
    }

    private static MockEnvironment environment() {
        // were anything started by mistake, it would stay under target/
        return new MockEnvironment().withProperty("wework.embedded.data-dir", "target/env-test")
                .withProperty("wework.embedded.clean", "true");
    }

    private static void postProcess(MockEnvironment env) {
        registered().forEach(p -> p.postProcessEnvironment(env, new SpringApplication()));
    }

    @Test
    void theOriginalNamesAreMappedBeforeTheEmbeddedServersAreStarted() {
        assertThat(registered()).extracting(p -> (Class) p.getClass())
                .containsExactly(OriginalEnvNamesMapper.class, EmbeddedServersStarter.class);
    }

    @Test
    void readsTheOriginalSqlAlchemyStyleDatabaseUrl() {
        Map<String, Object> props = OriginalEnvNamesMapper.fromDatabaseUrl(
                "postgresql+asyncpg://wework:p%40ss@db.internal:6543/wework?sslmode=require");
        assertThat(props).containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/wework?sslmode=require")
                .containsEntry("spring.datasource.username", "wework")
                .containsEntry("spring.datasource.password", "p@ss");
    }

    @Test
    void acceptsAJdbcUrlAsIs() {
        assertThat(OriginalEnvNamesMapper.fromDatabaseUrl("jdbc:postgresql://h/db"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://h/db");
    }

    @Test
    void refusesANonPostgresUrl() {
        assertThatThrownBy(() -> OriginalEnvNamesMapper.fromDatabaseUrl("mysql://h/db"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMapperAloneOnlyTranslatesNames() {
        MockEnvironment env = environment()
                .withProperty("DATABASE_URL", "postgresql://u:p@127.0.0.1:5432/wework")
                .withProperty("REDIS_URL", "redis://127.0.0.1:6379/0");
        new OriginalEnvNamesMapper().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/wework");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("u");
        assertThat(env.getProperty("spring.data.redis.url")).isEqualTo("redis://127.0.0.1:6379/0");
        assertThat(env.getProperty("wework.mode")).isNull();
    }

    @Test
    void externalServersStartNothingEmbedded() {
        MockEnvironment env = environment()
                .withProperty("DATABASE_URL", "postgresql://u:p@127.0.0.1:5432/wework")
                .withProperty("REDIS_URL", "redis://127.0.0.1:6379/0");
        postProcess(env);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/wework");
        assertThat(env.getProperty("spring.data.redis.url")).isEqualTo("redis://127.0.0.1:6379/0");
        assertThat(env.getProperty("wework.mode")).isEqualTo("external");
        assertThat(env.getProperty("wework.mode-description")).isEqualTo("PostgreSQL external, Redis external");
        assertThat(env.getProperty("wework.embedded.active", Boolean.class)).isFalse();
    }

    @Test
    void springsOwnPropertiesWinOverTheOriginalNames() {
        MockEnvironment env = environment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://primary/db")
                .withProperty("DATABASE_URL", "postgresql://u:p@other/db")
                .withProperty("spring.data.redis.host", "cache")
                .withProperty("REDIS_URL", "redis://other:6379/0");
        postProcess(env);
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://primary/db");
        assertThat(env.getProperty("spring.data.redis.url")).isNull();
        assertThat(env.getProperty("wework.mode")).isEqualTo("external");
    }
}
