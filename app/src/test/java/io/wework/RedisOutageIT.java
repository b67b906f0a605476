package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wework.platform.embedded.EmbeddedServers;
import io.wework.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Redis down: what needs it answers a clear 503 (never an unchecked pass, never a 500), what does
 * not keeps working, and nothing written meanwhile is lost.
 */
class RedisOutageIT extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-1";

    @Test
    void aRedisOutageIs503ForWhatNeedsItAndLosesNothing() {
        String[] user = registerAndLogin(uniqueEmail("outage"), PASSWORD);
        String laterEmail = uniqueEmail("during-outage");
        Response registered;
        EmbeddedServers.stopRedis();
        try {
            Response me = getAuthed("/api/auth/me", user[1]);
            assertThat(me.status()).isEqualTo(503);
            assertThat(me.header("Content-Type")).startsWith("application/problem+json");
            assertThat(me.header("Retry-After")).isNotNull();
            Response login = postJson("/api/auth/login", "{\"username\":\"" + laterEmail + "\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(login.status()).isEqualTo(503);
            assertThat(postJson("/api/auth/request-otp", "{\"phone_number\":\"" + uniquePhone() + "\"}").status()).isEqualTo(503);
            // the write path never waits on Redis: a registration still commits to the event store
            registered = postJson("/api/auth/register", "{\"email\":\"" + laterEmail + "\",\"password\":\"" + PASSWORD + "\"}");
            assertThat(registered.status()).isEqualTo(201);
            // public reads fall back to PostgreSQL
            assertThat(get("/api/auth/users/" + registered.json().get("id").asText() + "/public").status()).isEqualTo(200);
        } finally {
            EmbeddedServers.restartRedis();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> getAuthed("/api/auth/me", user[1]).status() == 200);
        String token = loginJson(laterEmail, PASSWORD).get("access_token").asText();
        assertThat(getAuthed("/api/auth/me", token).json().get("id").asText()).isEqualTo(registered.json().get("id").asText());
    }
}
