package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wework.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read-your-writes with the events stored outside PostgreSQL, as under the {@code axonserver}
 * profile (no Axon Server can run here, so the storage engine is swapped for Axon's in-memory one):
 * every write endpoint's change is visible to the very next read, with no waiting, because the read
 * model is written in the command's own transaction and no longer looked up in
 * {@code domain_event_entry} (which stays empty in this test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "wework.security.jwt.secret=" + IntegrationTest.JWT_SECRET,
        "wework.security.bcrypt-strength=4",
        "wework.bootstrap.admin-email=" + IntegrationTest.ROOT_EMAIL,
        "wework.bootstrap.admin-password=" + IntegrationTest.ROOT_PASSWORD,
        "wework.sms.provider=none"
})
class ReadYourWritesOutsidePostgresIT {

    /**
     * The embedded servers are one pair per JVM (shared with the other integration tests): this
     * context gets a database and a Redis database of its own, so its processors and tokens never
     * meet those of the contexts that store events in PostgreSQL.
     */
    @org.springframework.test.context.DynamicPropertySource
    static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target/embedded-it");
        String url = io.wework.platform.embedded.EmbeddedServers.startPostgres(dir, true);
        String redis = io.wework.platform.embedded.EmbeddedServers.startRedis(dir, true);
        try (var c = java.sql.DriverManager.getConnection(url, "postgres", ""); var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS wework_outside_pg WITH (FORCE)");
            st.execute("CREATE DATABASE wework_outside_pg");
        }
        registry.add("spring.datasource.url", () -> url.replaceFirst("/[^/]*$", "/wework_outside_pg"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.redis.url", () -> redis + "/7");
    }

    @TestConfiguration
    static class EventsOutsidePostgres {
        /** Replaces the JDBC storage engine by an in-memory one, whatever bean defined it. */
        @Bean
        static BeanPostProcessor inMemoryEventStore() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof EventStorageEngine && !(bean instanceof InMemoryEventStorageEngine)
                            ? new InMemoryEventStorageEngine() : bean;
                }
            };
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    JdbcTemplate jdbc;

    private record R(int status, JsonNode json) {
    }

    private R call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new R(r.statusCode(), r.body().isBlank() ? null : JSON.readTree(r.body()));
    }

    @Test
    void everyWriteIsVisibleToTheNextRead() throws Exception {
        R reg = call("POST", "/api/auth/register", "{\"email\":\"ryw@example.com\",\"password\":\"ryw-pass-123\","
                + "\"full_name\":\"Read Yours\"}", null);
        assertThat(reg.status()).isEqualTo(201);
        String id = reg.json().get("id").asText();
        assertThat(call("GET", "/api/auth/users/" + id + "/public", null, null).json().get("full_name").asText())
                .isEqualTo("Read Yours");

        R login = call("POST", "/api/auth/login", "{\"username\":\"ryw@example.com\",\"password\":\"ryw-pass-123\"}", null);
        String token = login.json().get("access_token").asText();
        assertThat(call("GET", "/api/auth/me", null, token).json().get("email").asText()).isEqualTo("ryw@example.com");

        R patched = call("PATCH", "/api/auth/me", "{\"bio\":\"fresh\",\"username\":\"ryw_user\"}", token);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("bio").asText()).isEqualTo("fresh");
        assertThat(call("GET", "/api/auth/me", null, token).json().get("bio").asText()).isEqualTo("fresh");
        assertThat(call("GET", "/api/auth/users/username/ryw_user/public", null, null).json().get("bio").asText())
                .isEqualTo("fresh");

        assertThat(call("PATCH", "/api/auth/me/telegram", "{\"telegram_enabled\":true,\"telegram_chat_id\":\"42\"}", token)
                .status()).isEqualTo(200);
        assertThat(call("GET", "/api/auth/me/telegram", null, token).json().get("telegram_chat_id").asText()).isEqualTo("42");

        R rootLogin = call("POST", "/api/auth/login", "{\"username\":\"" + IntegrationTest.ROOT_EMAIL + "\",\"password\":\""
                + IntegrationTest.ROOT_PASSWORD + "\"}", null);
        assertThat(rootLogin.status()).as(String.valueOf(rootLogin.json())).isEqualTo(200);
        String root = rootLogin.json().get("access_token").asText();
        R promoted = call("PATCH", "/api/admin/users/" + id, "{\"full_name\":\"Renamed\"}", root);
        assertThat(promoted.json().get("full_name").asText()).isEqualTo("Renamed");
        assertThat(call("GET", "/api/auth/users/" + id + "/public", null, null).json().get("full_name").asText())
                .isEqualTo("Renamed");
        assertThat(call("PATCH", "/api/admin/users/" + id, "{\"is_active\":false}", root).status()).isEqualTo(200);
        assertThat(call("GET", "/api/auth/me", null, token).status()).as("deactivation holds at once").isEqualTo(401);
        assertThat(call("PATCH", "/api/admin/users/" + id, "{\"is_active\":true}", root).status()).isEqualTo(200);

        String second = call("POST", "/api/auth/login", "{\"username\":\"ryw@example.com\",\"password\":\"ryw-pass-123\"}", null)
                .json().get("access_token").asText();
        assertThat(call("POST", "/api/auth/logout", "{}", second).status()).isEqualTo(204);
        assertThat(call("GET", "/api/auth/me", null, second).status()).as("logout holds at once").isEqualTo(401);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("the events are stored outside PostgreSQL").isZero();
        assertThat(jdbc.queryForObject("SELECT version FROM users_view WHERE id = ?", Long.class, id)).isPositive();
    }
}
