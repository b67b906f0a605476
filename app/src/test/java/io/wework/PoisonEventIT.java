package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wework.identity.api.UserProfileUpdatedEvent;
import io.wework.platform.embedded.EmbeddedServers;
import io.wework.support.IntegrationTest;
import io.wework.support.TableHold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events a read model cannot store, written straight into the event store (as an event stored before
 * the edge refused control characters, or by another writer, would be). They must not stop anything
 * else: the asynchronous projection parks the event in its dead-letter queue and goes on, commands
 * answer at once, and health shows what happened. On a database of its own: the poison events stay
 * in this store for good.
 */
@DirtiesContext
class PoisonEventIT extends IntegrationTest {

    private static final String PASSWORD = "correct-horse-1";

    private static String databaseUrl;

    /**
     * The embedded servers are one pair per JVM: this context gets a database of its own in that
     * PostgreSQL (so the poison events never reach another test's replay) and a Redis database of its own.
     */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PoisonEventIT::ownDatabaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.redis.url", () -> EmbeddedServers.startRedis(SHARED_DATA, true) + "/4");
        registry.add("wework.health.processors.stalled-after", () -> "2s");
    }

    private static final java.nio.file.Path SHARED_DATA = java.nio.file.Path.of("target/embedded-it").toAbsolutePath().normalize();

    private static synchronized String ownDatabaseUrl() {
        if (databaseUrl == null) {
            String shared = EmbeddedServers.startPostgres(SHARED_DATA, true);
            String name = "poison_" + java.util.UUID.randomUUID().toString().substring(0, 8);
            try (var connection = java.sql.DriverManager.getConnection(shared, "postgres", "");
                 var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            databaseUrl = shared.substring(0, shared.lastIndexOf('/') + 1) + name;
        }
        return databaseUrl;
    }

    @Autowired
    private EventStorageEngine storage;
    @Autowired
    private EventStore eventStore;
    @Autowired
    private PlatformTransactionManager transactions;

    @AfterEach
    void noDeadLetterLeftBehind() {
        String root = rootToken();
        for (JsonNode letter : getAuthed("/api/admin/dead-letters", root).json()) {
            send("DELETE", "/api/admin/dead-letters/" + letter.get("processing_group").asText() + "/" + letter.get("id").asText(),
                    null, null, "Authorization", "Bearer " + root);
        }
    }

    /** Appends {@code payload} as the user's next event, bypassing the command side and the inline projections. */
    private long storeDirectly(String userId, Object payload) {
        long next = eventStore.lastSequenceNumberFor(userId).orElse(-1L) + 1;
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                storage.appendEvents(new GenericDomainEventMessage<>("User", userId, next, payload)));
        return next;
    }

    private List<JsonNode> lettersOf(String group, String sequence, String root) {
        List<JsonNode> letters = new ArrayList<>();
        for (JsonNode letter : getAuthed("/api/admin/dead-letters", root).json()) {
            if (letter.get("processing_group").asText().equals(group) && letter.get("sequence_identifier").asText().equals(sequence)) {
                letters.add(letter);
            }
        }
        return letters;
    }

    private long auditRows(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE aggregate_id = ?", Long.class, aggregateId);
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void aNulInAStoredEventIsDeadLetteredByTheAuditAndStopsNothingElse() {
        String root = rootToken();
        String[] poisoned = registerAndLogin(uniqueEmail("poisoned"), PASSWORD);
        String[] other = registerAndLogin(uniqueEmail("bystander"), PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> auditRows(poisoned[0]) > 0 && auditRows(other[0]) > 0);

        // PostgreSQL's jsonb cannot hold \u0000: the audit projection cannot store this event
        long poison = storeDirectly(poisoned[0], new UserProfileUpdatedEvent(poisoned[0], null, "evil\u0000bio", null, Instant.now()));

        // (a) later events of other aggregates are audited
        String[] later = registerAndLogin(uniqueEmail("later"), PASSWORD);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(auditRows(later[0])).as("the audit goes on past the poison").isPositive());

        // (b) the poison event is parked, in a transaction that committed, and shown to admins
        List<JsonNode> letters = lettersOf("audit", poisoned[0], root);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).get("event_type").asText()).isEqualTo("user.profile_updated");
        assertThat(letters.get(0).get("cause_type").asText()).isNotBlank();
        assertThat(letters.get(0).get("cause_message").asText()).doesNotContain("\u0000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry WHERE processing_group = 'audit'", Long.class))
                .isEqualTo(1);
        JsonNode audit = getAuthed("/api/admin/projections/audit", root).json();
        assertThat(audit.get("dead_letter_sequences").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode view = getAuthed("/api/admin/projections/audit", root).json();
            assertThat(view.get("errors")).isEmpty();
            assertThat(view.get("lag").asLong()).isZero();
        });

        // (c) another user's command answers at once and is visible at once
        long[] took = new long[1];
        took[0] = timed(() -> assertThat(patchJson("/api/auth/me", "{\"bio\":\"still fine\"}", other[1]).status()).isEqualTo(200));
        assertThat(took[0]).as("ms").isLessThan(2000);
        assertThat(getAuthed("/api/auth/me", other[1]).json().get("bio").asText()).isEqualTo("still fine");

        // (d) the poisoned user's own commands work too: users_view shows the NUL as U+FFFD, the one
        // character its text columns cannot hold; an admin can still deactivate the account
        took[0] = timed(() -> {
            Response renamed = patchJson("/api/auth/me", "{\"full_name\":\"Still Here\"}", poisoned[1]);
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        });
        assertThat(took[0]).as("ms").isLessThan(2000);
        JsonNode me = getAuthed("/api/auth/me", poisoned[1]).json();
        assertThat(me.get("full_name").asText()).isEqualTo("Still Here");
        assertThat(me.get("bio").asText()).isEqualTo("evil\uFFFDbio");
        assertThat(jdbc.queryForObject("SELECT bio FROM users_view WHERE id = ?", String.class, poisoned[0]))
                .isEqualTo("evil\uFFFDbio");
        Response deactivated = patchJson("/api/admin/users/" + poisoned[0], "{\"is_active\":false}", root);
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        assertThat(getAuthed("/api/auth/me", poisoned[1]).status()).as("the token stops working").isEqualTo(401);

        // the user's later events wait behind the poison in the audit's queue (their order is kept)
        long parkedEvents = eventStore.lastSequenceNumberFor(poisoned[0]).orElseThrow() - poison + 1;
        assertThat(parkedEvents).isGreaterThanOrEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lettersOf("audit", poisoned[0], root)).hasSize((int) parkedEvents));

        // health: dead letters make the processors DEGRADED, which answers 200 (a load balancer keeps the node)
        Response health = getAuthed("/actuator/health", root);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("DEGRADED");
        JsonNode processors = health.json().get("components").get("eventProcessors");
        assertThat(processors.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(processors.get("details").get("audit").get("dead_letter_sequences").asLong()).isEqualTo(1);
        assertThat(get("/actuator/health").status()).as("without details too").isEqualTo(200);
        assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);

        // a retry while the poison is still first fails cleanly and keeps every letter
        Response retried = postAuthed("/api/admin/dead-letters/audit/retry", "", root);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("retried_sequences").asInt()).isZero();
        List<JsonNode> parked = lettersOf("audit", poisoned[0], root);
        assertThat(parked).hasSize((int) parkedEvents);
        assertThat(parked.get(0).get("event_id").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                String.class, poisoned[0], poison));

        // dropping the poison lets the rest of the sequence through
        assertThat(send("DELETE", "/api/admin/dead-letters/audit/" + parked.get(0).get("id").asText(), null, null,
                "Authorization", "Bearer " + root).status()).isEqualTo(204);
        retried = postAuthed("/api/admin/dead-letters/audit/retry", "", root);
        assertThat(retried.json().get("retried_sequences").asInt()).isEqualTo(1);
        assertThat(auditRows(poisoned[0])).as("every event of the user but the poison")
                .isEqualTo(eventStore.lastSequenceNumberFor(poisoned[0]).orElseThrow());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE aggregate_id = ? AND sequence_number = ?",
                Long.class, poisoned[0], poison)).isZero();
        assertThat(getAuthed("/api/admin/dead-letters", root).json()).isEmpty();
        assertThat(getAuthed("/actuator/health", root).json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aCommandWhoseInlineReadModelCannotStoreItsRowAnswersAtOnceWithAClearProblem() {
        String[] user = registerAndLogin(uniqueEmail("too-long"), PASSWORD);
        String[] other = registerAndLogin(uniqueEmail("neighbour"), PASSWORD);
        // users_view.full_name is varchar(200): the inline projection cannot store this user's row any more
        storeDirectly(user[0], new UserProfileUpdatedEvent(user[0], "x".repeat(201), null, null, Instant.now()));
        long events = eventCount();

        long[] took = new long[1];
        Response[] answer = new Response[1];
        took[0] = timed(() -> answer[0] = patchJson("/api/auth/me", "{\"bio\":\"hello\"}", user[1]));
        assertThat(took[0]).as("ms: no wait for anything").isLessThan(2000);
        assertThat(answer[0].status()).as(answer[0].body()).isEqualTo(500);
        assertThat(answer[0].header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer[0].json().get("code").asText()).isEqualTo("read_model_write_failed");
        assertThat(answer[0].json().get("detail").asText()).contains("nothing was changed");
        assertThat(eventCount()).as("the command stored nothing").isEqualTo(events);

        // every other account goes on as before
        assertThat(patchJson("/api/auth/me", "{\"bio\":\"fine\"}", other[1]).status()).isEqualTo(200);
        assertThat(getAuthed("/api/auth/me", other[1]).json().get("bio").asText()).isEqualTo("fine");
    }

    @Test
    void aReplayDeadLettersAnEventItCannotStoreAndRebuildsEveryOtherRow() {
        String root = rootToken();
        String[] user = registerAndLogin(uniqueEmail("replay-poison"), PASSWORD);
        String[] other = registerAndLogin(uniqueEmail("replay-other"), PASSWORD);
        assertThat(patchJson("/api/auth/me", "{\"bio\":\"before the replay\"}", other[1]).status()).isEqualTo(200);
        storeDirectly(user[0], new UserProfileUpdatedEvent(user[0], "y".repeat(201), null, null, Instant.now()));
        var before = jdbc.queryForMap("SELECT * FROM users_view WHERE id = ?", other[0]);
        long users = jdbc.queryForObject("SELECT count(*) FROM users_view", Long.class);

        assertThat(postAuthed("/api/admin/projections/users/replay", "", root).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = getAuthed("/api/admin/projections/users", root).json();
            assertThat(view.get("replaying").asBoolean()).isFalse();
            assertThat(view.get("errors")).isEmpty();
        });
        assertThat(lettersOf("users", user[0], root)).hasSize(1);
        assertThat(jdbc.queryForMap("SELECT * FROM users_view WHERE id = ?", other[0])).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users_view", Long.class)).isEqualTo(users);
        assertThat(getAuthed("/api/auth/me", other[1]).json().get("bio").asText()).isEqualTo("before the replay");
    }

    @Test
    void aProcessorThatStopsAdvancingWhileBehindIsReportedDown() {
        String root = rootToken();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(getAuthed("/actuator/health", root).json().get("status").asText()).isEqualTo("UP"));
        try (TableHold hold = TableHold.writesTo("audit_log", jdbc)) {
            registerAndLogin(uniqueEmail("stall"), PASSWORD);
            hold.awaitWaiting(1);
            // not in error, not stopped: only not advancing, while events wait
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Response health = getAuthed("/actuator/health", root);
                assertThat(health.status()).as(health.body()).isEqualTo(503);
                JsonNode audit = health.json().get("components").get("eventProcessors").get("details").get("audit");
                assertThat(audit.get("status").asText()).isEqualTo("DOWN");
                assertThat(audit.get("errors")).isEmpty();
                assertThat(audit.get("running").asBoolean()).isTrue();
                assertThat(audit.get("lag").asLong()).isPositive();
                assertThat(audit.get("stalled_seconds").asLong()).isGreaterThanOrEqualTo(2);
            });
            assertThat(get("/actuator/health/readiness").status()).as("the node stays in the load balancer").isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(getAuthed("/actuator/health", root).json().get("status").asText()).isEqualTo("UP"));
    }
}
