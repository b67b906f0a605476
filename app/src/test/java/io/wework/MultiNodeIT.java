package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wework.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two application contexts ("nodes") on one PostgreSQL and one Redis: the second node is started
 * beside the shared test context, on the same servers. Each node keeps its own aggregate cache and
 * inline-projection rows, so these tests show that neither ever acts on a stale copy.
 */
class MultiNodeIT extends IntegrationTest {

    private static ConfigurableApplicationContext nodeB;
    private static int portB;

    @Autowired
    private Environment env;

    @BeforeEach
    void startSecondNode() {
        if (nodeB != null) {
            return;
        }
        nodeB = new SpringApplicationBuilder(WeWorkApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username", "postgres"),
                "--spring.data.redis.url=" + env.getProperty("spring.data.redis.url"),
                "--wework.security.jwt.secret=" + JWT_SECRET,
                "--wework.security.bcrypt-strength=4",
                "--wework.snapshots.user-threshold=5",
                "--wework.bootstrap.admin-email=" + ROOT_EMAIL,
                "--wework.bootstrap.admin-password=" + ROOT_PASSWORD,
                "--wework.sms.provider=none",
                "--spring.jmx.enabled=false");
        portB = Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    private Response onB(String method, String path, String body, String token) {
        int mine = port;
        try {
            port = portB;
            return send(method, path, body == null ? null : "application/json", body, "Authorization", "Bearer " + token);
        } finally {
            port = mine;
        }
    }

    @Test
    void aNodeNeverDecidesACommandOnAStaleAggregate() {
        String[] user = registerAndLogin(uniqueEmail("two-nodes"), "two-nodes-pass-1");
        // node B loads (and caches) the user
        assertThat(onB("PATCH", "/api/auth/me", "{\"bio\":\"from B\"}", user[1]).status()).isEqualTo(200);
        // node A changes it
        assertThat(patchJson("/api/auth/me", "{\"username\":\"first_" + user[0].substring(30) + "\"}", user[1]).status())
                .isEqualTo(200);
        // node B must see that change before deciding: the username is already set
        Response second = onB("PATCH", "/api/auth/me", "{\"username\":\"second_" + user[0].substring(30) + "\"}", user[1]);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("username_already_set");
        // and B answers with the state A wrote, B's bio kept
        Response me = onB("GET", "/api/auth/me", null, user[1]);
        assertThat(me.json().get("username").asText()).startsWith("first_");
        assertThat(me.json().get("bio").asText()).isEqualTo("from B");
    }

    @Test
    void aLogoutOnOneNodeRefusesTheSessionsOtherTokenOnTheOtherAtOnce() {
        String email = uniqueEmail("logout-nodes");
        registerAndLogin(email, "logout-nodes-pass-1");
        com.fasterxml.jackson.databind.JsonNode session = loginJson(email, "logout-nodes-pass-1");
        Response rotated = postJson("/api/auth/refresh", "{\"refresh_token\":\"" + session.get("refresh_token").asText() + "\"}");
        String second = rotated.json().get("access_token").asText();
        assertThat(onB("GET", "/api/auth/me", null, second).status()).isEqualTo(200);

        // node A ends the session with its first token; node B refuses the second on its very next request
        assertThat(postAuthed("/api/auth/logout", "{}", session.get("access_token").asText()).status()).isEqualTo(204);
        Response refused = onB("GET", "/api/auth/me", null, second);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asText()).isEqualTo("Session has ended; log in again");
        assertThat(onB("GET", "/api/auth/me", null, session.get("access_token").asText()).status()).isEqualTo(401);
    }

    @Test
    void concurrentCommandsOnTwoNodesAreEachStoredOrRefusedAndEveryProjectionSeesEachEventOnce() throws Exception {
        String[] user = registerAndLogin(uniqueEmail("race-nodes"), "race-nodes-pass-1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                String body = "{\"bio\":\"bio " + n + "\"}";
                return (n % 2 == 0 ? patchJson("/api/auth/me", body, user[1]) : onB("PATCH", "/api/auth/me", body, user[1])).status();
            }));
        }
        int ok = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            assertThat(status).as("each command is stored (200) or refused as a conflict (409), never lost").isIn(200, 409);
            ok += status == 200 ? 1 : 0;
        }
        pool.shutdown();
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'io.wework.identity.api.UserProfileUpdatedEvent'", Long.class, user[0]);
        assertThat(stored).as("every 2xx has its event, and only those").isEqualTo(ok);
        assertThat(ok).isGreaterThan(0);
        // the inline read model holds the last stored event, whichever node wrote it
        long lastSequence = jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, user[0]);
        assertThat(jdbc.queryForObject("SELECT version FROM users_view WHERE id = ?", Long.class, user[0])).isEqualTo(lastSequence);
        String lastBio = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'bio' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type = 'io.wework.identity.api.UserProfileUpdatedEvent' "
                + "ORDER BY sequence_number DESC LIMIT 1", String.class, user[0]);
        assertThat(jdbc.queryForObject("SELECT bio FROM users_view WHERE id = ?", String.class, user[0])).isEqualTo(lastBio);
        assertThat(getAuthed("/api/auth/me", user[1]).json().get("bio").asText()).isEqualTo(lastBio);
        assertThat(onB("GET", "/api/auth/me", null, user[1]).json().get("bio").asText()).isEqualTo(lastBio);
        // the asynchronous audit projection (its segment claimed by one of the nodes) records each event exactly once
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE aggregate_id = ?", Long.class, user[0])).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, user[0])));
        assertThat(jdbc.queryForObject("SELECT count(*) - count(DISTINCT global_index) FROM audit_log", Long.class)).isZero();
    }
}
