package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.support.AfterCommitFault;
import io.wework.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;

/**
 * Sessions that really end (issue 10, item 2) and what hangs on them (item 5): every access token
 * carries its session, and once that session has ended — logout, a replayed refresh token, a password
 * change, a deactivation, a role change — every token of it is refused from the next request on; a
 * restored account or role never brings an old token back; the state survives the loss of Redis data
 * and a failed cache write; the live feed closes with the session; health details are for admins.
 * Each test was first run against the code before the fix, and failed there.
 */
class SessionsEndIT extends IntegrationTest {

    private static final String PASSWORD = "sessions-pass-1";

    @Autowired
    private AfterCommitFault fault;

    private Response me(String token) {
        return getAuthed("/api/auth/me", token);
    }

    private Response refresh(String refreshToken) {
        return postJson("/api/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}");
    }

    /** A registered user with one session: {@code [id, access, refresh]}. */
    private String[] userWithSession(String prefix) {
        String email = uniqueEmail(prefix);
        String id = registerAndLogin(email, PASSWORD)[0];
        JsonNode session = loginJson(email, PASSWORD);
        return new String[] {id, session.get("access_token").asText(), session.get("refresh_token").asText(), email};
    }

    @Nested
    class Logout {
        @Test
        void endsEveryTokenOfTheSessionNotOnlyThePresentedOne() {
            String[] user = userWithSession("logout-all");
            Response rotated = refresh(user[2]);
            assertThat(rotated.status()).isEqualTo(200);
            String second = rotated.json().get("access_token").asText();
            assertThat(me(second).status()).isEqualTo(200);

            assertThat(postAuthed("/api/auth/logout", "{}", user[1]).status()).isEqualTo(204);

            Response refused = me(second);
            assertThat(refused.status()).as("the session's other access token").isEqualTo(401);
            assertThat(refused.json().get("detail").asText()).isEqualTo("Session has ended; log in again");
            assertThat(me(user[1]).status()).isEqualTo(401);
            assertThat(refresh(rotated.json().get("refresh_token").asText()).status()).isEqualTo(401);
        }

        @Test
        void leavesTheUsersOtherSessionsAlone() {
            String[] user = userWithSession("logout-one");
            String other = loginJson(user[3], PASSWORD).get("access_token").asText();
            assertThat(postAuthed("/api/auth/logout", "{}", user[1]).status()).isEqualTo(204);
            assertThat(me(user[1]).status()).isEqualTo(401);
            assertThat(me(other).status()).isEqualTo(200);
        }
    }

    @Test
    void aReplayedRefreshTokenEndsTheFamilysAccessTokensToo() {
        String[] user = userWithSession("family");
        Response rotated = refresh(user[2]);
        String latest = rotated.json().get("access_token").asText();
        assertThat(me(latest).status()).isEqualTo(200);

        assertThat(refresh(user[2]).status()).as("the spent token comes back").isEqualTo(401);

        assertThat(me(latest).status()).as("the family's last access token").isEqualTo(401);
        assertThat(me(user[1]).status()).isEqualTo(401);
        assertThat(refresh(rotated.json().get("refresh_token").asText()).status()).isEqualTo(401);
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndTheOldTokensOfTheCallersOwn() {
        String[] user = userWithSession("pw-ends");
        JsonNode other = loginJson(user[3], PASSWORD);
        Response rotated = refresh(user[2]);
        String sameSessionOlder = rotated.json().get("access_token").asText();
        Response changed = postAuthed("/api/auth/me/password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"sessions-pass-2\"}", sameSessionOlder);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(me(changed.json().get("access_token").asText()).status()).isEqualTo(200);
        assertThat(me(sameSessionOlder).status()).isEqualTo(401);
        assertThat(me(user[1]).status()).isEqualTo(401);
        assertThat(me(other.get("access_token").asText()).status()).isEqualTo(401);
    }

    @Nested
    class RestoringRevivesNothing {
        @Test
        void aReactivatedAccountsOldAccessAndRefreshTokensStayDead() {
            String root = rootToken();
            String[] user = userWithSession("reactivate");
            assertThat(patchJson("/api/admin/users/" + user[0], "{\"is_active\":false}", root).status()).isEqualTo(200);
            Response refused = me(user[1]);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("detail").asText()).isEqualTo("Account is deactivated");
            assertThat(patchJson("/api/admin/users/" + user[0], "{\"is_active\":true}", root).status()).isEqualTo(200);

            assertThat(me(user[1]).status()).as("the old access token").isEqualTo(401);
            assertThat(refresh(user[2]).status()).as("the old refresh token").isEqualTo(401);
            // the account itself works again: a fresh login
            assertThat(me(loginJson(user[3], PASSWORD).get("access_token").asText()).status()).isEqualTo(200);
        }

        @Test
        void aRePromotedAdminsOldAdminTokenStaysDead() {
            String root = rootToken();
            String[] user = userWithSession("repromote");
            assertThat(patchJson("/api/admin/users/" + user[0], "{\"role\":\"admin\"}", root).status()).isEqualTo(200);
            JsonNode admin = loginJson(user[3], PASSWORD);
            String adminToken = admin.get("access_token").asText();
            assertThat(getAuthed("/api/admin/users?limit=1", adminToken).status()).isEqualTo(200);

            assertThat(patchJson("/api/admin/users/" + user[0], "{\"role\":\"user\"}", root).status()).isEqualTo(200);
            assertThat(getAuthed("/api/admin/users?limit=1", adminToken).status()).isEqualTo(401);
            assertThat(patchJson("/api/admin/users/" + user[0], "{\"role\":\"admin\"}", root).status()).isEqualTo(200);

            assertThat(getAuthed("/api/admin/users?limit=1", adminToken).status()).as("the old admin token").isEqualTo(401);
            assertThat(refresh(admin.get("refresh_token").asText()).status()).as("its refresh token").isEqualTo(401);
            assertThat(getAuthed("/api/admin/users?limit=1", loginJson(user[3], PASSWORD).get("access_token").asText())
                    .status()).isEqualTo(200);
        }
    }

    @Nested
    class TheStateLivesInPostgres {
        @Test
        void losingRedisDataReadmitsNoLoggedOutToken() {
            String[] user = userWithSession("flushdb");
            String second = refresh(user[2]).json().get("access_token").asText();
            String live = loginJson(user[3], PASSWORD).get("access_token").asText();
            assertThat(postAuthed("/api/auth/logout", "{}", user[1]).status()).isEqualTo(204);
            assertThat(me(second).status()).isEqualTo(401);

            redis.execute((RedisCallback<Object>) connection -> {
                connection.serverCommands().flushDb();
                return null;
            });

            assertThat(me(user[1]).status()).isEqualTo(401);
            assertThat(me(second).status()).isEqualTo(401);
            assertThat(me(live).status()).as("a live session still works, read from PostgreSQL").isEqualTo(200);
        }

        @Test
        void aFailedCacheWriteAfterTheCommitNeverServesTheStaleState() {
            String[] user = userWithSession("stale");
            String second = refresh(user[2]).json().get("access_token").asText();
            String live = loginJson(user[3], PASSWORD).get("access_token").asText();
            assertThat(me(second).status()).isEqualTo(200); // the cache holds the session as live

            AfterCommitFault.arm(user[0]);
            try {
                assertThat(postAuthed("/api/auth/logout", "{}", user[1]).status()).isEqualTo(204);
                // the logout committed, its cache write failed: Redis still holds the state from before it
                assertThat(me(second).status()).as("the stale entry is not served").isEqualTo(401);
                assertThat(me(user[1]).status()).isEqualTo(401);
                assertThat(me(live).status()).isEqualTo(200);
            } finally {
                fault.heal();
            }
            // once Redis takes writes again, a read puts the current state back, and it holds
            assertThat(me(live).status()).isEqualTo(200);
            assertThat(me(second).status()).isEqualTo(401);
            String key = "wework:auth:access:" + user[0];
            assertThat(Long.parseLong(((String) redis.opsForHash().get(key, "s")).split("\\|")[0]))
                    .isGreaterThanOrEqualTo(Long.parseLong((String) redis.opsForHash().get(key, "m")));
        }
    }

    @Nested
    class TheCache {
        private final String[] user = userWithSession("cache");
        private final String key = "wework:auth:access:" + user[0];

        private long redisSeconds() {
            return redis.execute((RedisCallback<Long>) c -> c.serverCommands().time(java.util.concurrent.TimeUnit.SECONDS));
        }

        private String field(String name) {
            return (String) redis.opsForHash().get(key, name);
        }

        @Test
        void aFreshEntryIsServedFromRedisAloneAndOneBehindItsMarkNever() {
            assertThat(me(user[1]).status()).isEqualTo(200);
            String current = field("s");
            String[] parts = current.split("\\|", -1);
            long version = Long.parseLong(parts[0]);
            String inactive = "|0|" + parts[2] + "|" + parts[3] + "|" + parts[4];

            // Redis first: a fresh entry is what the guard believes (the database says active)
            redis.opsForHash().put(key, "s", version + inactive);
            assertThat(me(user[1]).json().get("detail").asText()).isEqualTo("Account is deactivated");

            // an entry older than its mark (a change committed, its cache write lost) is not served;
            // the reader puts the current state back
            redis.opsForHash().put(key, "s", (version - 1) + inactive);
            redis.opsForHash().put(key, "m", Long.toString(version));
            redis.opsForHash().put(key, "t", Long.toString(redisSeconds()));
            assertThat(me(user[1]).status()).isEqualTo(200);
            assertThat(field("s")).isEqualTo(current);
        }

        @Test
        void aMarkNoCommitFollowedHoldsOnlyForItsWindow() {
            assertThat(me(user[1]).status()).isEqualTo(200);
            String current = field("s");
            String[] parts = current.split("\\|", -1);
            long version = Long.parseLong(parts[0]);
            String staleInactive = (version - 1) + "|0|" + parts[2] + "|" + parts[3] + "|" + parts[4];
            redis.opsForHash().put(key, "s", staleInactive);
            redis.opsForHash().put(key, "m", Long.toString(version + 5));
            redis.opsForHash().put(key, "t", Long.toString(redisSeconds()));

            // a command marked a newer version and may still commit: the database answers, nothing is put back
            assertThat(me(user[1]).status()).isEqualTo(200);
            assertThat(field("s")).isEqualTo(staleInactive);

            // a minute later no commit has come (it rolled back): the mark is dropped, the state put back
            redis.opsForHash().put(key, "t", Long.toString(redisSeconds() - 61));
            assertThat(me(user[1]).status()).isEqualTo(200);
            assertThat(field("s")).isEqualTo(current);
            assertThat(field("m")).isNull();
        }

        @Test
        void aChangeRedisCannotBeToldOfIsRefusedWith503AndNotStored() {
            long events = eventCount();
            fault.refuseWritesNow();
            Response out;
            try {
                out = postAuthed("/api/auth/logout", "{}", user[1]);
            } finally {
                fault.heal();
            }
            assertThat(out.status()).as(out.body()).isEqualTo(503);
            assertThat(out.json().get("code").asText()).isEqualTo("dependency_unavailable");
            assertThat(eventCount()).isEqualTo(events);
            assertThat(me(user[1]).status()).as("the session goes on: nothing was stored").isEqualTo(200);
        }
    }

    @Nested
    class LiveFeed {
        /** An admin's open {@code /api/events/stream}: the lines it receives, and whether it has closed. */
        private record Stream(List<String> lines, AtomicBoolean closed, InputStream body) {
        }

        private Stream open(String token) throws Exception {
            HttpResponse<InputStream> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/events/stream"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(sse.statusCode()).isEqualTo(200);
            List<String> lines = new CopyOnWriteArrayList<>();
            AtomicBoolean closed = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception ignored) {
                    // closed
                }
                closed.set(true);
            });
            reader.setDaemon(true);
            reader.start();
            return new Stream(lines, closed, sse.body());
        }

        private String[] admin(String prefix) {
            String[] user = userWithSession(prefix);
            assertThat(patchJson("/api/admin/users/" + user[0], "{\"role\":\"admin\"}", rootToken()).status()).isEqualTo(200);
            JsonNode session = loginJson(user[3], PASSWORD);
            return new String[] {user[0], session.get("access_token").asText(), user[3]};
        }

        private String registerSomeone(String prefix) {
            String email = uniqueEmail(prefix);
            assertThat(postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                    .status()).isEqualTo(201);
            return email;
        }

        @Test
        void aDemotedAdminsStreamClosesAndDeliversNoMore() throws Exception {
            String[] admin = admin("sse-demoted");
            Stream stream = open(admin[1]);
            try {
                String before = registerSomeone("sse-before");
                await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines().stream().anyMatch(l -> l.contains(before)));

                assertThat(patchJson("/api/admin/users/" + admin[0], "{\"role\":\"user\"}", rootToken()).status()).isEqualTo(200);
                String after = registerSomeone("sse-after");

                await().atMost(Duration.ofSeconds(10)).untilTrue(stream.closed());
                assertThat(stream.lines()).noneMatch(l -> l.contains(after));
            } finally {
                stream.body().close();
            }
        }

        @Test
        void theStreamClosesWhenItsSessionIsLoggedOut() throws Exception {
            String[] admin = admin("sse-logout");
            Stream stream = open(admin[1]);
            try {
                assertThat(postAuthed("/api/auth/logout", "{}", admin[1]).status()).isEqualTo(204);
                String after = registerSomeone("sse-after-logout");
                await().atMost(Duration.ofSeconds(10)).untilTrue(stream.closed());
                assertThat(stream.lines()).noneMatch(l -> l.contains(after));
            } finally {
                stream.body().close();
            }
        }
    }

    @Test
    void healthDetailsAreForAdminsOnly() {
        String[] user = userWithSession("health");
        Response plain = getAuthed("/actuator/health", user[1]);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().get("status").asText()).isEqualTo("UP");
        assertThat(plain.json().has("components")).as(plain.body()).isFalse();
        assertThat(get("/actuator/health").json().has("components")).isFalse();
        assertThat(getAuthed("/actuator/health/db", user[1]).status()).as("no component by path either").isEqualTo(404);
        assertThat(get("/actuator/health/liveness").status()).as("the probes stay public").isEqualTo(200);

        Response admin = getAuthed("/actuator/health", rootToken());
        assertThat(admin.json().get("components").has("db")).as(admin.body()).isTrue();
    }
}
