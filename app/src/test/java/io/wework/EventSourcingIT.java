package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.identity.command.User;
import io.wework.platform.axon.AggregateStateAt;
import io.wework.support.IntegrationTest;
import io.wework.support.PoisonHandler;
import io.wework.support.ReplayHold;
import io.wework.support.SmsGatewayStub;
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
    @Autowired
    private org.axonframework.config.EventProcessingConfiguration processing;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("userAggregateCache")
    private org.axonframework.common.caching.Cache aggregateCache;

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
            // actor_id: exactly the events this user caused (its registration was by "anonymous"), nobody else's
            JsonNode byActor = getAuthed("/api/admin/audit?actor_id=" + user[0] + "&limit=500", root).json();
            List<String> actors = new java.util.ArrayList<>();
            List<String> types = new java.util.ArrayList<>();
            byActor.get("items").forEach(item -> {
                actors.add(item.get("actor_id").asText());
                types.add(item.get("event_type").asText());
                assertThat(item.get("aggregate_id").asText()).isEqualTo(user[0]);
            });
            assertThat(actors).containsOnly(user[0]);
            assertThat(types).containsExactly("user.profile_updated", "session.started", "user.logged_in");
            assertThat(byActor.get("total").asLong()).isEqualTo(3);
            JsonNode onePage = getAuthed("/api/admin/audit?actor_id=" + user[0] + "&limit=1", root).json();
            assertThat(onePage.get("items")).hasSize(1);
            assertThat(onePage.get("items").get(0).get("actor_id").asText()).isEqualTo(user[0]);
            assertThat(onePage.get("total").asLong()).isEqualTo(3);
            assertThat(getAuthed("/api/admin/audit?actor_id=anonymous&aggregate_id=" + user[0], root).json()
                    .get("items").findValuesAsText("event_type")).containsExactly("user.registered");
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
            User fromSnapshot = loadThroughTheRepository(user[0]);
            User fromEvents = stateAt.load(User.class, user[0], Instant.now().plusSeconds(60)).orElseThrow().aggregate();
            assertThat(fromSnapshot).usingRecursiveComparison().isEqualTo(fromEvents);
            assertThat(fromSnapshot.stateView().openSessions()).isEqualTo(7);

            // The load really starts from the snapshot: alter the registration, which the snapshot covers, in the
            // store. A load from all the events shows the change; the repository's load does not.
            String registration = "UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                    + "?, ?), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 0";
            assertThat(jdbc.update(registration, "\"fullName\":\"Test User\"", "\"fullName\":\"Altered\"", user[0])).isEqualTo(1);
            try {
                assertThat(stateAt.load(User.class, user[0], Instant.now().plusSeconds(60)).orElseThrow().aggregate()
                        .stateView().fullName()).isEqualTo("Altered");
                assertThat(loadThroughTheRepository(user[0]).stateView().fullName()).isEqualTo("Test User");
            } finally {
                jdbc.update(registration, "\"fullName\":\"Altered\"", "\"fullName\":\"Test User\"", user[0]);
                aggregateCache.remove(user[0]);
            }
        }

        /** The repository's load with the aggregate cache emptied first (snapshot plus later events). */
        private User loadThroughTheRepository(String id) {
            aggregateCache.remove(id);
            return DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> userRepository.load(id).invoke(u -> u)).getPayload();
        }
    }

    @Nested
    class Replay {
        private static final String ROWS = "SELECT id, email, phone_number, full_name, username, bio, avatar, role, "
                + "is_active, created_at, updated_at, version, tokens_not_before, telegram_enabled, telegram_chat_id "
                + "FROM users_view";

        @Test
        void aReplayRebuildsTheSameRowsTwiceAndReadsStayAvailable() throws Exception {
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
                Response started;
                try (ReplayHold.Hold hold = ReplayHold.arm()) {
                    started = send("POST", "/api/admin/projections/users/replay", null, null, "Authorization", "Bearer " + root);
                    assertThat(started.status()).isEqualTo(202);
                    // the replay is held on its first event: tokens reset, users_view truncated, Redis entries dropped
                    assertThat(hold.awaitEntered(30)).as("the replay reached its first event").isTrue();
                    assertThat(jdbc.queryForObject("SELECT count(*) FROM users_view WHERE id IN ('" + user[0] + "', '"
                            + other[0] + "')", Long.class)).isZero();
                    assertThat(redis.hasKey("wework:identity:profile:" + user[0])).isFalse();
                    // reads stay available and exact while it runs: folded from the event store
                    Response me = getAuthed("/api/auth/me", user[1]);
                    assertThat(me.status()).isEqualTo(200);
                    assertThat(me.json().get("bio").asText()).isEqualTo("before replay");
                    assertThat(get("/api/auth/users/" + user[0] + "/public").json().get("bio").asText()).isEqualTo("before replay");
                    assertThat(getAuthed("/api/auth/me", other[1]).status()).as("deactivated").isEqualTo(401);
                    assertThat(get("/api/auth/users/" + other[0] + "/public").status()).as("inactive").isEqualTo(404);
                    Response status = getAuthed("/api/admin/projections/users", root);
                    assertThat(status.status()).as("the admin's token is checked against its events too").isEqualTo(200);
                    assertThat(status.json().get("replaying").asBoolean()).as("still held").isTrue();
                }
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

            // audit: the replay rebuilds exactly the rows built live, from the events (not from what the table holds)
            String auditMine = "SELECT * FROM audit_log WHERE aggregate_id IN ('" + user[0] + "', '" + other[0]
                    + "') ORDER BY global_index";
            String eventsMine = "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN ('" + user[0] + "', '"
                    + other[0] + "')";
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat((long) jdbc.queryForList(auditMine).size())
                    .isEqualTo(jdbc.queryForObject(eventsMine, Long.class)));
            List<Map<String, Object>> auditLive = jdbc.queryForList(auditMine);
            long altered = (Long) auditLive.get(0).get("global_index");
            long dropped = (Long) auditLive.get(1).get("global_index");
            jdbc.update("UPDATE audit_log SET actor_id = 'altered' WHERE global_index = ?", altered);
            jdbc.update("DELETE FROM audit_log WHERE global_index = ?", dropped);
            assertThat(send("POST", "/api/admin/projections/audit/replay", null, null, "Authorization", "Bearer " + root)
                    .status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(getAuthed("/api/admin/projections/audit", root).json().get("replaying").asBoolean()).isFalse();
                assertThat(jdbc.queryForList(auditMine)).isEqualTo(auditLive);
            });
            // and every stored event once (but those of sequences parked in its dead-letter queue, which a reset keeps)
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry d WHERE NOT EXISTS (SELECT 1 FROM audit_log a "
                    + "WHERE a.global_index = d.global_index AND a.event_id = d.event_identifier) AND d.aggregate_identifier NOT IN "
                    + "(SELECT sequence_identifier FROM dead_letter_entry WHERE processing_group = 'audit')", Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry d "
                    + "WHERE d.global_index = a.global_index)", Long.class)).isZero();
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
                // a later, harmless event of the victim is parked behind the failed one (its order is kept)
                assertThat(patchJson("/api/auth/me", "{\"bio\":\"after the poison\"}", victim[1]).status()).isEqualTo(200);
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
                assertThat(jdbc.queryForObject(profileUpdates, Long.class, victim[0])).as("both parked").isZero();
                List<String> victimLetters = new java.util.ArrayList<>();
                for (JsonNode letter : letters) {
                    if (letter.get("sequence_identifier").asText().equals(victim[0])) {
                        victimLetters.add(letter.get("event_type").asText() + " " + letter.get("cause_message").asText(""));
                    }
                }
                assertThat(victimLetters).hasSize(2);
                assertThat(victimLetters.get(0)).contains("poisoned");

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
            assertThat(jdbc.queryForObject(profileUpdates, Long.class, victim[0])).isEqualTo(2);
            assertThat(jdbc.queryForList("SELECT payload ->> 'bio' FROM audit_log WHERE aggregate_id = ? AND event_type = "
                    + "'user.profile_updated' ORDER BY global_index", String.class, victim[0]))
                    .containsExactly(PoisonHandler.POISON, "after the poison");
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
            RedisMessageListenerContainer container = subscribe(messages);
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
                // the feed goes out in event order: once a later event's message is here, a repeat of the first
                // (a redelivery re-handles it before anything after it) would be here too
                String later = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("feed-later") + "\",\"password\":\""
                        + PASSWORD + "\"}").json().get("id").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(m -> m.contains(later)));
                assertThat(messages.stream().filter(m -> m.contains(event.get("id").asText()))).hasSize(1);
                assertThat(messages.stream().filter(m -> m.contains(id))).hasSize(1);
            } finally {
                container.stop();
                container.destroy();
                sse.body().close();
            }
            assertThat(get("/api/events/stream", "Authorization", "Bearer " + registerAndLogin(uniqueEmail("feed-user"),
                    PASSWORD)[1]).status()).isEqualTo(403);
        }

        @Test
        void aReplayOfTheFeedPublishesNothing() throws Exception {
            String root = rootToken();
            List<String> messages = new CopyOnWriteArrayList<>();
            RedisMessageListenerContainer container = subscribe(messages);
            try {
                // the feed has published everything stored so far (its processor is in order): start from a clean slate
                String before = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("before-replay")
                        + "\",\"password\":\"" + PASSWORD + "\"}").json().get("id").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(m -> m.contains(before)));
                messages.clear();
                long head = eventCount();
                Response started = send("POST", "/api/admin/projections/app-events/replay", null, null,
                        "Authorization", "Bearer " + root);
                assertThat(started.status()).isEqualTo(202);
                assertThat(started.json().get("replaying").asBoolean()).isTrue();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode status = getAuthed("/api/admin/projections/app-events", root).json();
                    assertThat(status.get("replaying").asBoolean()).isFalse();
                    assertThat(status.get("position").asLong()).isGreaterThanOrEqualTo(started.json().get("head").asLong());
                });
                assertThat(head).isPositive();
                // a new event after the replay is published, and it is the only message: the replay sent none
                String marker = postJson("/api/auth/register", "{\"email\":\"" + uniqueEmail("after-replay")
                        + "\",\"password\":\"" + PASSWORD + "\"}").json().get("id").asText();
                await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(m -> m.contains(marker)));
                assertThat(messages).hasSize(1);
            } finally {
                container.stop();
                container.destroy();
            }
        }

        private RedisMessageListenerContainer subscribe(List<String> messages) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(redisConnections);
            container.addMessageListener((m, p) -> messages.add(new String(m.getBody(), StandardCharsets.UTF_8)),
                    new ChannelTopic("app_events"));
            container.afterPropertiesSet();
            container.start();
            await().atMost(Duration.ofSeconds(5)).until(container::isListening);
            return container;
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

            assertThat(idempotencyKeys(key)).singleElement().satisfies(stored ->
                    assertThat(redis.getExpire(stored)).isBetween(86_000L, 86_400L));

            // an anonymous caller's key is bound to its request: another body with the key is a request of its own
            Response other = postJson("/api/auth/register", body.replace("idem", "idem-other"), "Idempotency-Key", key);
            assertThat(other.status()).isEqualTo(201);
            assertThat(other.header("Idempotent-Replayed")).isNull();
            assertThat(other.json().get("id").asText()).isNotEqualTo(first.json().get("id").asText());
        }

        /** The Redis keys under which answers to {@code key} are kept, whoever's they are. */
        private List<String> idempotencyKeys(String key) {
            List<String> keys = new java.util.ArrayList<>();
            try (var cursor = redis.scan(org.springframework.data.redis.core.ScanOptions.scanOptions()
                    .match("wework:idem:*:" + key).count(1000).build())) {
                cursor.forEachRemaining(keys::add);
            }
            return keys;
        }

        @Test
        void aRepeatWhileTheFirstStillRunsIs409() throws Exception {
            String phone = uniquePhone();
            String key = "otp-" + System.nanoTime();
            String body = "{\"phone_number\":\"" + phone + "\"}";
            java.util.concurrent.CompletableFuture<Response> first;
            try (SmsGatewayStub.Hold hold = SmsGatewayStub.get().holdNext()) {
                // the first request is held inside the SMS gateway call, after its key was taken
                first = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> postJson("/api/auth/request-otp", body, "Idempotency-Key", key));
                assertThat(hold.awaitEntered(10)).as("the first request reached the gateway").isTrue();
                Response repeat = postJson("/api/auth/request-otp", body, "Idempotency-Key", key);
                assertThat(repeat.status()).isEqualTo(409);
                assertThat(repeat.json().get("code").asText()).isEqualTo("idempotency_key_in_use");
                assertThat(first.isDone()).as("the first one is still running").isFalse();
            }
            assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
            Response after = postJson("/api/auth/request-otp", body, "Idempotency-Key", key);
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(SmsGatewayStub.get().received().stream().filter(m -> m.body().contains(phone))).hasSize(1);
        }

        @Test
        void aServerErrorIsNotKeptSoTheClientCanRetry() {
            String phone = uniquePhone();
            String key = "otp-5xx-" + System.nanoTime();
            String body = "{\"phone_number\":\"" + phone + "\"}";
            SmsGatewayStub.get().failWith(500);
            Response failed = postJson("/api/auth/request-otp", body, "Idempotency-Key", key);
            assertThat(failed.status()).isEqualTo(503);
            assertThat(idempotencyKeys(key)).isEmpty();
            SmsGatewayStub.get().failWith(0);
            Response retried = postJson("/api/auth/request-otp", body, "Idempotency-Key", key);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.header("Idempotent-Replayed")).isNull();
            assertThat(SmsGatewayStub.get().lastCodeFor(phone)).hasSize(6);
            // the 200 is kept
            Response again = postJson("/api/auth/request-otp", body, "Idempotency-Key", key);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.status()).isEqualTo(200);
        }

        @Test
        void keysAreScopedToTheCallerAndFormsWorkToo() {
            String email = uniqueEmail("idem-login");
            String[] user = registerAndLogin(email, PASSWORD);
            String key = "login-" + System.nanoTime();
            // a form body still reaches the controller; tokens are never kept, so a repeat is a login of its own
            Response a = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                    "username=" + email + "&password=" + PASSWORD, "Idempotency-Key", key);
            Response b = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                    "username=" + email + "&password=" + PASSWORD, "Idempotency-Key", key);
            assertThat(a.status()).isEqualTo(200);
            assertThat(b.status()).isEqualTo(200);
            assertThat(b.header("Idempotent-Replayed")).isNull();
            assertThat(b.json().get("access_token").asText()).isNotEqualTo(a.json().get("access_token").asText());
            assertThat(idempotencyKeys(key)).isEmpty();
            Response wrong = send("POST", "/api/auth/login", "application/x-www-form-urlencoded",
                    "username=" + email + "&password=other-pass-1", "Idempotency-Key", key);
            assertThat(wrong.status()).isEqualTo(401);
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

        @Test
        void healthIsDownWhileAProcessorIsStoppedButNotForAnIdleReplayOnlyOne() {
            String root = rootToken();
            // users is replay-only: stopped whenever it is not replaying, and that is healthy
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Response health = getAuthed("/actuator/health", root);
                assertThat(health.status()).isEqualTo(200);
                JsonNode users = health.json().get("components").get("eventProcessors").get("details").get("users");
                assertThat(users.get("running").asBoolean()).isFalse();
            });
            org.axonframework.eventhandling.StreamingEventProcessor audit = processing
                    .eventProcessor("audit", org.axonframework.eventhandling.StreamingEventProcessor.class).orElseThrow();
            audit.shutdownAsync().join();
            try {
                Response health = getAuthed("/actuator/health", root);
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
                JsonNode processors = health.json().get("components").get("eventProcessors");
                assertThat(processors.get("status").asText()).isEqualTo("DOWN");
                assertThat(processors.get("details").get("audit").get("running").asBoolean()).isFalse();
                assertThat(health.json().get("components").get("db").get("status").asText()).isEqualTo("UP");
                assertThat(get("/actuator/health").status()).as("also without details").isEqualTo(503);
            } finally {
                audit.start();
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(getAuthed("/actuator/health", root).json().get("status").asText()).isEqualTo("UP"));
        }
    }
}
