package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.identity.command.User;
import io.wework.platform.axon.AggregateStateAt;
import io.wework.support.IntegrationTest;
import io.wework.support.PoisonHandler;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

class EventSourcingIT extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-1";

    @Autowired
    private AggregateStateAt stateAt;
    @Autowired
    private Repository<User> userRepository;
    @Autowired
    private RedisConnectionFactory redisConnections;

    @Nested
    class Audit {
        @Test
        void theAuditTrailIsFilteredPagedNewestFirstAndMasked() {
            String[] user = registerAndLogin(uniqueEmail("audit"), PASSWORD);
            patchJson("/api/auth/me", "{\"bio\":\"audited\"}", user[1]);
            String root = rootToken();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    getAuthed("/api/admin/audit?aggregate_id=" + user[0], root).json().get("total").asInt() >= 4);
            JsonNode page = getAuthed("/api/admin/audit?aggregate_id=" + user[0], root).json();
            JsonNode items = page.get("items");
            assertThat(items.get(0).get("event_type").asText()).isEqualTo("user.profile_updated");
            assertThat(items.get(0).get("actor_id").asText()).isEqualTo(user[0]);
            assertThat(items.get(0).get("aggregate_type").asText()).isEqualTo("User");
            assertThat(items.get(items.size() - 1).get("event_type").asText()).isEqualTo("user.registered");
            JsonNode registered = items.get(items.size() - 1);
            assertThat(registered.get("payload").get("passwordHash").asText()).isEqualTo("***");
            assertThat(registered.get("actor_id").asText()).isEqualTo("anonymous");
            assertThat(registered.get("correlation_id").asText()).isNotBlank();
            assertThat(page.toString()).doesNotContain("$2a$");

            JsonNode sessions = getAuthed("/api/admin/audit?aggregate_id=" + user[0] + "&event_type=session.started", root).json();
            assertThat(sessions.get("total").asInt()).isEqualTo(1);
            assertThat(sessions.get("items").get(0).get("payload").get("refreshTokenHash").asText()).isEqualTo("***");
            assertThat(getAuthed("/api/admin/audit?actor_id=" + user[0] + "&limit=1", root).json().get("items")).hasSize(1);
            assertThat(getAuthed("/api/admin/audit?aggregate_type=User&from=2999-01-01T00:00:00Z", root).json()
                    .get("total").asInt()).isZero();
            assertThat(getAuthed("/api/admin/audit?aggregate_id=" + user[0] + "&to=2000-01-01T00:00:00Z", root).json()
                    .get("total").asInt()).isZero();
            assertThat(getAuthed("/api/admin/audit", user[1]).status()).isEqualTo(403);
            assertThat(getAuthed("/api/admin/audit?limit=0", root).status()).isEqualTo(400);
        }
    }

    @Nested
    class AuditCompleteness {
        @Test
        void everyStoredEventIsAuditedEvenWhenConcurrentCommitsInterleave() throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<Response>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> postJson("/api/auth/register",
                        "{\"email\":\"" + uniqueEmail("interleave") + "\",\"password\":\"" + PASSWORD + "\"}")));
            }
            List<String> ids = new java.util.ArrayList<>();
            for (var f : results) {
                assertThat(f.get().status()).isEqualTo(201);
                ids.add(f.get().json().get("id").asText());
            }
            pool.shutdown();
            // (other tests delete dead letters on purpose, so only this test's events are checked)
            String mine = ids.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM domain_event_entry d WHERE d.aggregate_identifier IN (" + mine + ") AND NOT EXISTS "
                            + "(SELECT 1 FROM audit_log a WHERE a.global_index = d.global_index AND a.event_id = d.event_identifier)",
                    Long.class)).isZero());
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE aggregate_id IN (" + mine + ")", Long.class))
                    .as("each event audited exactly once").isEqualTo(40);
        }
    }

    @Nested
    class PointInTime {
        @Test
        void theStateAtAnInstantComesFromTheEventsUpToIt() throws Exception {
            String[] user = registerAndLogin(uniqueEmail("asof"), PASSWORD);
            String root = rootToken();
            Thread.sleep(20);
            Instant beforeChange = Instant.now();
            Thread.sleep(20);
            patchJson("/api/admin/users/" + user[0], "{\"role\":\"admin\",\"full_name\":\"Promoted\"}", root);

            JsonNode then = getAuthed("/api/admin/users/" + user[0] + "/as-of?at=" + beforeChange, root).json();
            assertThat(then.get("state").get("role").get("name").asText()).isEqualTo("user");
            assertThat(then.get("state").get("full_name").asText()).isEqualTo("Test User");
            JsonNode now = getAuthed("/api/admin/users/" + user[0] + "/as-of?at=" + Instant.now().plusSeconds(5), root).json();
            assertThat(now.get("state").get("role").get("name").asText()).isEqualTo("admin");
            assertThat(now.get("state").get("full_name").asText()).isEqualTo("Promoted");
            assertThat(now.get("version").asLong()).isGreaterThan(then.get("version").asLong());
            assertThat(now.toString()).doesNotContain("hash").doesNotContain("$2a$");
            assertThat(getAuthed("/api/admin/users/" + user[0] + "/as-of?at=2000-01-01T00:00:00Z", root).status())
                    .isEqualTo(404);
            assertThat(getAuthed("/api/admin/users/" + user[0] + "/as-of?at=yesterday", root).status()).isEqualTo(400);
        }
    }

    @Nested
    class Snapshots {
        @Test
        void aUserLoadedFromASnapshotEqualsOneRebuiltFromAllItsEvents() {
            String email = uniqueEmail("snap");
            String[] user = registerAndLogin(email, PASSWORD);
            for (int i = 0; i < 6; i++) {
                loginJson(email, PASSWORD);
            }
            patchJson("/api/auth/me", "{\"username\":\"s" + user[0].substring(user[0].length() - 12) + "\"}", user[1]);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, user[0]) > 0);
            User fromSnapshot = DefaultUnitOfWork.startAndGet(null)
                    .executeWithResult(() -> userRepository.load(user[0]).invoke(u -> u)).getPayload();
            User fromEvents = stateAt.load(User.class, user[0], Instant.now().plusSeconds(60)).orElseThrow().aggregate();
            assertThat(fromSnapshot).usingRecursiveComparison().isEqualTo(fromEvents);
            assertThat(fromSnapshot.stateView().openSessions()).isEqualTo(7);
        }
    }

    @Nested
    class Replay {
        private static final String ROWS = "SELECT id, email, phone_number, full_name, username, bio, avatar, role, "
                + "is_active, created_at, updated_at, version, tokens_not_before, telegram_enabled, telegram_chat_id "
                + "FROM users_view";

        @Test
        void aReplayRebuildsTheSameRowsTwiceAndReadsStayAvailable() {
            String[] user = registerAndLogin(uniqueEmail("replay"), PASSWORD);
            patchJson("/api/auth/me", "{\"bio\":\"before replay\"}", user[1]);
            String[] other = registerAndLogin(uniqueEmail("replay2"), PASSWORD);
            String root = rootToken();
            patchJson("/api/admin/users/" + other[0], "{\"role\":\"admin\",\"is_active\":false}", root);
            // the rows built live by this test (other tests may have skipped events on purpose: dead letters deleted)
            String mine = ROWS + " WHERE id IN ('" + user[0] + "', '" + other[0] + "') ORDER BY id";
            List<Map<String, Object>> live = jdbc.queryForList(mine);
            assertThat(live).hasSize(2);
            List<Map<String, Object>> previousRebuild = null;
            long auditRows = jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);

            JsonNode list = getAuthed("/api/admin/projections", root).json();
            assertThat(list.findValuesAsText("name")).contains("users", "audit", "app-events", "identity-claims");
            // users_view is written inline by the commands; its replay-only processor idles until a replay
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode users = getAuthed("/api/admin/projections/users", root).json();
                assertThat(users.get("mode").asText()).isEqualTo("replay-only");
                assertThat(users.get("running").asBoolean()).isFalse();
            });
            assertThat(list.findValuesAsText("name")).contains("users-inline");

            for (int run = 0; run < 2; run++) {
                Response started = send("POST", "/api/admin/projections/users/replay", null, null, "Authorization", "Bearer " + root);
                assertThat(started.status()).isEqualTo(202);
                // reads stay available while users_view is being rebuilt
                assertThat(getAuthed("/api/auth/me", user[1]).json().get("bio").asText()).isEqualTo("before replay");
                assertThat(get("/api/auth/users/" + user[0] + "/public").status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode status = getAuthed("/api/admin/projections/users", root).json();
                    assertThat(status.get("replaying").asBoolean()).isFalse();
                    assertThat(jdbc.queryForList(mine)).isEqualTo(live);
                });
                // once caught up the processor idles, and still shows where it stopped (a replay-only projection)
                long headAtStart = started.json().get("head").asLong();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode status = getAuthed("/api/admin/projections/users", root).json();
                    assertThat(status.get("running").asBoolean()).isFalse();
                    assertThat(status.get("replaying").asBoolean()).isFalse();
                    assertThat(status.get("position").asLong()).isGreaterThanOrEqualTo(headAtStart);
                });
                List<Map<String, Object>> rebuilt = jdbc.queryForList(ROWS + " ORDER BY id");
                if (previousRebuild != null) {
                    assertThat(rebuilt).as("replaying twice changes nothing").isEqualTo(previousRebuild);
                }
                previousRebuild = rebuilt;
            }
            assertThat(getAuthed("/api/auth/me", user[1]).status()).isEqualTo(200);
            assertThat(send("POST", "/api/admin/projections/audit/replay", null, null, "Authorization", "Bearer " + root)
                    .status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class) >= auditRows);
            assertThat(send("POST", "/api/admin/projections/identity-claims/replay", null, null, "Authorization",
                    "Bearer " + root).status()).isEqualTo(409);
            assertThat(send("POST", "/api/admin/projections/nope/replay", null, null, "Authorization", "Bearer " + root)
                    .status()).isEqualTo(404);
            assertThat(send("POST", "/api/admin/projections/users/replay", null, null, "Authorization", "Bearer " + user[1])
                    .status()).isEqualTo(403);
        }
    }

    @Nested
    class DeadLetters {
        @Test
        void aFailingEventIsParkedWhileOthersFlowAndCanBeRetriedOrDeleted() {
            String root = rootToken();
            String[] victim = registerAndLogin(uniqueEmail("poisoned"), PASSWORD);
            String[] other = registerAndLogin(uniqueEmail("poisoned2"), PASSWORD);
            String profileUpdates = "SELECT count(*) FROM audit_log WHERE aggregate_id = ? AND event_type = 'user.profile_updated'";
            PoisonHandler.ARMED.set(true);
            try {
                // the commands themselves succeed: only the asynchronous audit projection fails on these events
                assertThat(patchJson("/api/auth/me", "{\"bio\":\"" + PoisonHandler.POISON + "\"}", victim[1]).status()).isEqualTo(200);
                assertThat(patchJson("/api/auth/me", "{\"bio\":\"" + PoisonHandler.POISON + "\"}", other[1]).status()).isEqualTo(200);
                String[] later = registerAndLogin(uniqueEmail("after-poison"), PASSWORD);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM audit_log WHERE aggregate_id = ?", Long.class, later[0])).as("others keep flowing")
                        .isPositive());

                JsonNode letters = getAuthed("/api/admin/dead-letters", root).json();
                assertThat(letters.findValuesAsText("sequence_identifier")).contains(victim[0], other[0]);
                assertThat(letters.findValuesAsText("event_type")).contains("user.profile_updated");
                assertThat(letters.findValuesAsText("cause_message")).anyMatch(m -> m.contains("poisoned"));
                assertThat(getAuthed("/api/admin/projections/audit", root).json().get("dead_letter_sequences").asLong())
                        .isGreaterThanOrEqualTo(2);
                assertThat(jdbc.queryForObject(profileUpdates, Long.class, victim[0])).isZero();

                String otherLetter = null;
                for (JsonNode letter : letters) {
                    if (letter.get("sequence_identifier").asText().equals(other[0])) {
                        otherLetter = letter.get("id").asText();
                    }
                }
                assertThat(send("DELETE", "/api/admin/dead-letters/audit/" + otherLetter, null, null,
                        "Authorization", "Bearer " + root).status()).isEqualTo(204);
                assertThat(send("DELETE", "/api/admin/dead-letters/audit/" + otherLetter, null, null,
                        "Authorization", "Bearer " + root).status()).isEqualTo(404);
            } finally {
                PoisonHandler.ARMED.set(false);
            }
            Response retried = postAuthed("/api/admin/dead-letters/audit/retry", "", root);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.json().get("retried_sequences").asInt()).isEqualTo(1);
            assertThat(jdbc.queryForObject(profileUpdates, Long.class, victim[0])).isEqualTo(1);
            assertThat(jdbc.queryForObject(profileUpdates, Long.class, other[0])).as("deleted, so skipped").isZero();
            assertThat(getAuthed("/api/admin/dead-letters", root).json().findValuesAsText("sequence_identifier"))
                    .doesNotContain(victim[0], other[0]);
            assertThat(getAuthed("/api/admin/dead-letters", victim[1]).status()).isEqualTo(403);
        }
    }

    @Nested
    class LiveFeed {
        @Test
        void everyEventIsPublishedOnceOnAppEventsAndStreamedToAdmins() throws Exception {
            List<String> messages = new CopyOnWriteArrayList<>();
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(redisConnections);
            container.addMessageListener((m, p) -> messages.add(new String(m.getBody(), StandardCharsets.UTF_8)),
                    new ChannelTopic("app_events"));
            container.afterPropertiesSet();
            container.start();
            String root = rootToken();
            List<String> streamed = new CopyOnWriteArrayList<>();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> sse = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/events/stream"))
                    .header("Authorization", "Bearer " + root).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(sse.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        streamed.add(line);
                    }
                } catch (Exception ignored) {
                    // stream closed
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                await().atMost(Duration.ofSeconds(5)).until(container::isListening);
                String email = uniqueEmail("feed");
                String id = postJson("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                        .json().get("id").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(m -> m.contains(id)));
                JsonNode event = JSON.readTree(messages.stream().filter(m -> m.contains(id)).findFirst().orElseThrow());
                assertThat(event.get("type").asText()).isEqualTo("user.registered");
                assertThat(event.get("payload").get("user_id").asText()).isEqualTo(id);
                assertThat(event.get("payload").get("email").asText()).isEqualTo(email);
                assertThat(event.get("payload").has("password_hash")).isFalse();
                assertThat(event.has("id")).isTrue();
                assertThat(event.has("occurred_at")).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> streamed.stream().anyMatch(l -> l.contains(id)));
                assertThat(streamed).anyMatch(l -> l.equals("event:app_event"));
                TimeUnit.MILLISECONDS.sleep(300);
                assertThat(messages.stream().filter(m -> m.contains(event.get("id").asText()))).hasSize(1);
            } finally {
                container.stop();
                container.destroy();
                sse.body().close();
            }
            assertThat(get("/api/events/stream", "Authorization", "Bearer " + registerAndLogin(uniqueEmail("feed-user"),
                    PASSWORD)[1]).status()).isEqualTo(403);
        }
    }

    @Nested
    class Idempotency {
        @Test
        void aRepeatedPostReturnsTheFirstAnswerWithNoSecondEffect() {
            String key = "reg-" + System.nanoTime();
            String body = "{\"email\":\"" + uniqueEmail("idem") + "\",\"password\":\"" + PASSWORD + "\"}";
            Response first = postJson("/api/auth/register", body, "Idempotency-Key", key);
            assertThat(first.status()).isEqualTo(201);
            long events = eventCount();
            Response second = postJson("/api/auth/register", body, "Idempotency-Key", key);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(eventCount()).isEqualTo(events);

            Response other = postJson("/api/auth/register", body.replace("idem", "idem-other"), "Idempotency-Key", key);
            assertThat(other.status()).isEqualTo(422);
            assertThat(other.json().get("code").asText()).isEqualTo("idempotency_key_reused");
            assertThat(eventCount()).isEqualTo(events);
            assertThat(redis.getExpire("wework:idem:anonymous:" + key)).isBetween(86_000L, 86_400L);
        }

        @Test
        void keysAreScopedToTheCallerAndFormsWorkToo() {
            String email = uniqueEmail("idem-login");
            String[] user = registerAndLogin(email, PASSWORD);
            String key = "login-" + System.nanoTime();
            Response a = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                    "username=" + email + "&password=" + PASSWORD, "Idempotency-Key", key);
            Response b = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                    "username=" + email + "&password=" + PASSWORD, "Idempotency-Key", key);
            assertThat(a.status()).isEqualTo(200);
            assertThat(b.json().get("access_token").asText()).isEqualTo(a.json().get("access_token").asText());
            Response wrong = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                    "username=" + email + "&password=other-pass-1", "Idempotency-Key", key);
            assertThat(wrong.status()).isEqualTo(422);
            // the same key from an authenticated caller is another key
            Response logout = send("POST", "/api/auth/logout", "application/json", "{}", "Authorization", "Bearer " + user[1],
                    "Idempotency-Key", key);
            assertThat(logout.status()).isEqualTo(204);
            assertThat(postJson("/api/auth/register", "{}", "Idempotency-Key", "bad key!").status()).isEqualTo(400);
            // a body over the limit sent without a declared length is still a clean 413
            HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/register"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", "big-" + System.nanoTime())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                            ("{\"email\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8))))
                    .build();
            try {
                assertThat(HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode())
                        .isEqualTo(413);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class SchemaEvolution {
        @Test
        void aRevisionOneLoginStoredLongAgoStillLoads() {
            String email = uniqueEmail("v1");
            String[] user = registerAndLogin(email, PASSWORD);
            long next = jdbc.queryForObject("SELECT max(sequence_number) + 1 FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, user[0]);
            String v1 = "{\"loggedInAt\":\"2025-01-01T10:00:00Z\",\"method\":\"otp\",\"userId\":\"" + user[0] + "\"}";
            jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, "
                            + "type, time_stamp, payload_type, payload_revision, payload, meta_data) VALUES "
                            + "(nextval('domain_event_global_index_seq'), ?, ?, ?, 'User', '2025-01-01T10:00:00Z', "
                            + "'io.wework.identity.api.UserLoggedInEvent', '1', convert_to(?, 'UTF8'), convert_to('{}', 'UTF8'))",
                    java.util.UUID.randomUUID().toString(), user[0], next, v1);
            JsonNode history = getAuthed("/api/auth/me/history", user[1]).json();
            JsonNode upcast = null;
            for (JsonNode entry : history) {
                if (entry.get("sequence").asLong() == next) {
                    upcast = entry;
                }
            }
            assertThat(upcast).isNotNull();
            assertThat(upcast.get("type").asText()).isEqualTo("user.logged_in");
            assertThat(upcast.get("data").get("auth_method").asText()).isEqualTo("otp");
            assertThat(upcast.get("data").get("session_id").isNull()).isTrue();
            assertThat(upcast.get("data").has("method")).isFalse();
            // the aggregate still loads (and takes commands) with the old event in its history
            assertThat(loginJson(email, PASSWORD).has("access_token")).isTrue();
        }
    }

    @Nested
    class Operations {
        @Test
        void prometheusHasCommandLatencyAndProcessorLagAndHealthCoversEverything() {
            String root = rootToken();
            Response metrics = getAuthed("/actuator/prometheus", root);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("wework_projection_lag_events{processor=\"users\"}")
                    .contains("commandBus_successTimer_seconds");
            assertThat(get("/actuator/prometheus").status()).isEqualTo(401);
            JsonNode health = getAuthed("/actuator/health", root).json();
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("components").has("db")).isTrue();
            assertThat(health.get("components").has("redis")).isTrue();
            assertThat(health.get("components").get("eventProcessors").get("details").has("users")).isTrue();
        }
    }
}
