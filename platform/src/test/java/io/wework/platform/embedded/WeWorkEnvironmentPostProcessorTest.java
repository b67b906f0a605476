package io.wework.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class WeWorkEnvironmentPostProcessorTest {

    @Test
    void readsTheOriginalSqlAlchemyStyleDatabaseUrl() {
        Map<String, Object> props = WeWorkEnvironmentPostProcessor.fromDatabaseUrl(
                "postgresql+asyncpg://wework:p%40ss@db.internal:6543/wework?sslmode=require");
        assertThat(props).containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:6543/wework?sslmode=require")
                .containsEntry("spring.datasource.username", "wework")
                .containsEntry("spring.datasource.password", "p@ss");
    }

    @Test
    void acceptsAJdbcUrlAsIs() {
        assertThat(WeWorkEnvironmentPostProcessor.fromDatabaseUrl("jdbc:postgresql://h/db"))
                .containsEntry("spring.datasource.url", "jdbc:postgresql://h/db");
    }

    @Test
    void refusesANonPostgresUrl() {
        assertThatThrownBy(() -> WeWorkEnvironmentPostProcessor.fromDatabaseUrl("mysql://h/db"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void externalServersStartNothingEmbedded() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("DATABASE_URL", "postgresql://u:p@127.0.0.1:5432/wework")
                .withProperty("REDIS_URL", "redis://127.0.0.1:6379/0");
        new WeWorkEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/wework");
        assertThat(env.getProperty("spring.data.redis.url")).isEqualTo("redis://127.0.0.1:6379/0");
        assertThat(env.getProperty("wework.mode")).isEqualTo("external");
        assertThat(env.getProperty("wework.embedded.active", Boolean.class)).isFalse();
    }

    @Test
    void springsOwnPropertiesWinOverTheOriginalNames() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://primary/db")
                .withProperty("DATABASE_URL", "postgresql://u:p@other/db")
                .withProperty("spring.data.redis.host", "cache");
        new WeWorkEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://primary/db");
        assertThat(env.getProperty("wework.mode")).isEqualTo("external");
    }
}
