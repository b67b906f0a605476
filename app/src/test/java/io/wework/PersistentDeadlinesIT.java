package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wework.support.IntegrationTest;
import io.wework.support.deadline.Trial;
import io.wework.support.deadline.TrialFeature;
import io.wework.support.deadline.TrialMessages.CancelTrialExpiryCommand;
import io.wework.support.deadline.TrialMessages.StartTrialCommand;
import io.wework.support.deadline.TrialMessages.TrialExpiredEvent;
import io.wework.support.deadline.TrialMessages.TrialReminderEvent;
import io.wework.support.deadline.TrialNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.scheduling.dbscheduler.DbSchedulerEventScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Deadlines are rows in PostgreSQL (db-scheduler's {@code scheduled_tasks}), not timers in one JVM: a
 * deadline survives a restart, runs once however many nodes poll for it, is stored only when the
 * command that scheduled it commits, and a cancellation made on any node holds. Every test here fails
 * with Axon's in-memory {@code SimpleDeadlineManager} (checked by switching to it).
 *
 * <p>The nodes are application contexts with the test-only {@link Trial} aggregate, on a database of
 * their own in the shared embedded PostgreSQL: the shared test context (which has no {@code Trial})
 * polls the main database, so it can never take their deadlines. They poll every 200 ms. Each test
 * brings up the nodes it needs; the order only lets the later tests reuse nodes (3 starts, not 6).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PersistentDeadlinesIT extends IntegrationTest {

    private static final Duration POLLING = Duration.ofMillis(200);
    /** Clearly more than a poll plus the time a deadline takes to run: a second run would show by then. */
    private static final Duration ONCE_MARGIN = Duration.ofSeconds(1);

    private static String databaseUrl;
    private static String redisUrl;
    private static JdbcTemplate store;
    private static int started;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @Autowired
    private Environment env;

    @BeforeEach
    void ownDatabase() {
        if (databaseUrl != null) {
            // a test that failed may have left deadlines behind: they must not count in the next one
            store.update("DELETE FROM scheduled_tasks");
            return;
        }
        String name = "deadlines_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.execute("CREATE DATABASE " + name);
        String sharedUrl = env.getProperty("spring.datasource.url");
        databaseUrl = sharedUrl.substring(0, sharedUrl.lastIndexOf('/') + 1) + name;
        redisUrl = env.getProperty("spring.data.redis.url") + "/3";
        store = new JdbcTemplate(new DriverManagerDataSource(databaseUrl,
                env.getProperty("spring.datasource.username", "postgres"), env.getProperty("spring.datasource.password", "")));
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
        nodes.clear();
    }

    @Test
    @Order(1)
    void deadlinesCancelledOnAnotherNodeNeverFire() {
        keepRunning(2);
        ConfigurableApplicationContext a = nodes.get(0);
        ConfigurableApplicationContext b = nodes.get(1);
        String byId = UUID.randomUUID().toString();
        String byName1 = UUID.randomUUID().toString();
        String byName2 = UUID.randomUUID().toString();
        for (String trial : List.of(byId, byName1, byName2)) {
            send(a, new StartTrialCommand(trial, Duration.ofSeconds(2)));
        }
        assertThat(pendingDeadlines()).isEqualTo(3);
        // each row is JSON: the deadline's name, and its payload as the event serializer wrote it
        assertThat(store.queryForList("SELECT convert_from(decode(convert_from(task_data, 'UTF8')::jsonb ->> 'p', 'base64'), "
                + "'UTF8')::jsonb ->> 'trialId' FROM scheduled_tasks WHERE task_name = 'AxonDeadline' "
                + "AND convert_from(task_data, 'UTF8')::jsonb ->> 'd' = ?", String.class, Trial.EXPIRY))
                .containsExactlyInAnyOrder(byId, byName1, byName2);
        // cancelled on B, which did not schedule them: by schedule id inside the aggregate, then by name
        send(b, new CancelTrialExpiryCommand(byId));
        assertThat(pendingDeadlines()).isEqualTo(2);
        b.getBean(DeadlineManager.class).cancelAll(Trial.EXPIRY);
        assertThat(pendingDeadlines()).isZero();

        // a control deadline, due after the cancelled ones: once it has fired, theirs would have too
        String control = UUID.randomUUID().toString();
        send(a, new StartTrialCommand(control, Duration.ofSeconds(2)));
        await("the control deadline").atMost(Duration.ofSeconds(20)).until(() -> expiries(control) == 1);
        await("no cancelled deadline fires").during(ONCE_MARGIN).atMost(ONCE_MARGIN.multipliedBy(3))
                .until(() -> expiries(List.of(byId, byName1, byName2)) == 0);
    }

    @Test
    @Order(2)
    void aDeadlineScheduledByACommandThatFailsIsNeverStored() {
        keepRunning(2);
        ConfigurableApplicationContext a = nodes.get(0);
        ConfigurableApplicationContext b = nodes.get(1);
        String trial = UUID.randomUUID().toString();
        send(a, new StartTrialCommand(trial, Duration.ofSeconds(2)));
        int runsBefore = runs(a) + runs(b);
        // the second start schedules its deadline (a row, written first) and then cannot store its event:
        // the row goes with the command's rolled-back transaction
        assertThatThrownBy(() -> send(b, new StartTrialCommand(trial, Duration.ofSeconds(2))))
                .as("a second start of the same trial").isInstanceOf(AggregateStreamCreationException.class);
        assertThat(pendingDeadlines()).isEqualTo(1);
        await("the first start's deadline").atMost(Duration.ofSeconds(20)).until(() -> expiries(trial) == 1);
        await("and no other").during(ONCE_MARGIN).atMost(ONCE_MARGIN.multipliedBy(3)).until(() -> expiries(trial) == 1);
        assertThat(runs(a) + runs(b) - runsBefore).isEqualTo(1);
    }

    @Test
    @Order(3)
    void withTwoNodesRunningEachDeadlineFiresExactlyOnceAndAStoppedNodesDeadlineFiresOnTheOther() {
        keepRunning(2);
        ConfigurableApplicationContext a = nodes.get(0);
        ConfigurableApplicationContext b = nodes.get(1);
        int runsBefore = runs(a) + runs(b);
        List<String> trials = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String trial = UUID.randomUUID().toString();
            trials.add(trial);
            send(i % 2 == 0 ? a : b, new StartTrialCommand(trial, Duration.ofSeconds(2)));
        }
        await("every deadline fired").atMost(Duration.ofSeconds(30)).until(() -> expiries(trials) == trials.size());
        // both nodes keep polling the due rows; past the due time plus a poll, still one event per deadline
        await("no deadline fired twice").during(ONCE_MARGIN).atMost(ONCE_MARGIN.multipliedBy(3)).until(() -> expiries(trials) == trials.size());
        for (String trial : trials) {
            assertThat(expiries(trial)).as("expiries of " + trial).isEqualTo(1);
        }
        assertThat(runs(a) + runs(b) - runsBefore).as("deadline runs on both nodes together").isEqualTo(trials.size());

        // a deadline scheduled on a node that then stops is run by the node still running
        String orphan = UUID.randomUUID().toString();
        Instant due = Instant.now().plusSeconds(3);
        send(a, new StartTrialCommand(orphan, Duration.between(Instant.now(), due)));
        stop(a);
        assertThat(Instant.now()).as("the scheduling node stopped before the deadline was due").isBefore(due);
        await("the stopped node's deadline, on the other node").atMost(Duration.ofSeconds(20)).until(() -> expiries(orphan) == 1);
        await("still once").during(ONCE_MARGIN).atMost(ONCE_MARGIN.multipliedBy(3)).until(() -> expiries(orphan) == 1);
        assertThat(firedOn(orphan)).isEqualTo(nameOf(b));
    }

    @Test
    @Order(4)
    void aDeadlineScheduledBeforeARestartFiresAfterItOnce() {
        keepRunning(1);
        ConfigurableApplicationContext before = nodes.get(0);
        String trial = UUID.randomUUID().toString();
        Instant due = Instant.now().plusSeconds(5);
        send(before, new StartTrialCommand(trial, Duration.between(Instant.now(), due)));
        // an event scheduled through Axon's EventScheduler is kept the same way
        before.getBean(EventScheduler.class).schedule(due, new TrialReminderEvent(trial));
        assertThat(pendingDeadlines()).as("the deadline is a row in PostgreSQL").isEqualTo(1);
        assertThat(store.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class))
                .as("so is the scheduled event").isEqualTo(2);

        stop(before);
        assertThat(Instant.now()).as("the only node stopped before the deadline was due").isBefore(due);
        assertThat(expiries(trial)).isZero();

        ConfigurableApplicationContext after = start();
        await("the deadline and the scheduled event, after the restart").atMost(Duration.ofSeconds(30))
                .until(() -> expiries(trial) == 1 && reminders(trial) == 1);
        await("still once each").during(ONCE_MARGIN).atMost(ONCE_MARGIN.multipliedBy(3))
                .until(() -> expiries(trial) == 1 && reminders(trial) == 1);
        assertThat(firedOn(trial)).isEqualTo(nameOf(after));
        assertThat(store.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class)).isZero();
    }

    // ---- nodes

    private void keepRunning(int count) {
        while (nodes.size() > count) {
            stop(nodes.get(0));
        }
        while (nodes.size() < count) {
            start();
        }
        nodes.forEach(node -> assertThat(node.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class));
        nodes.forEach(node -> assertThat(node.getBean(EventScheduler.class)).isInstanceOf(DbSchedulerEventScheduler.class));
        nodes.forEach(node -> assertThat(node.getBean("dbScheduler", HealthIndicator.class).health().getStatus())
                .as("db-scheduler's health on " + nameOf(node)).isEqualTo(Status.UP));
    }

    private ConfigurableApplicationContext start() {
        String name = "node-" + (++started);
        ConfigurableApplicationContext node = new SpringApplicationBuilder(WeWorkApplication.class, TrialFeature.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("trialNode", new TrialNode(name)))
                .run("--server.port=0",
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + env.getProperty("spring.datasource.username", "postgres"),
                        "--spring.data.redis.url=" + redisUrl,
                        "--wework.security.jwt.secret=" + JWT_SECRET,
                        "--wework.sms.provider=none",
                        "--spring.jmx.enabled=false",
                        "--db-scheduler.polling-interval=" + POLLING.toMillis() + "ms");
        nodes.add(node);
        return node;
    }

    private static void stop(ConfigurableApplicationContext node) {
        nodes.remove(node);
        TrialNode trialNode = node.getBean(TrialNode.class);
        node.close();
        assertThat(trialNode.schedulerStoppedBeforeAxon().get())
                .as("db-scheduler stopped before Axon began to shut down on " + trialNode.name()).isTrue();
    }

    private static void send(ConfigurableApplicationContext node, Object command) {
        node.getBean(CommandGateway.class).sendAndWait(command);
    }

    private static String nameOf(ConfigurableApplicationContext node) {
        return node.getBean(TrialNode.class).name();
    }

    private static int runs(ConfigurableApplicationContext node) {
        return node.getBean(TrialNode.class).expiriesRun().get();
    }

    // ---- the event store of the nodes' database

    private static long expiries(String trial) {
        return expiries(List.of(trial));
    }

    /** {@code TrialExpiredEvent}s stored for the given trials. */
    private static long expiries(List<String> trials) {
        List<Object> args = new ArrayList<>(trials);
        args.add(0, TrialExpiredEvent.class.getName());
        return store.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? AND aggregate_identifier IN ("
                + String.join(",", java.util.Collections.nCopies(trials.size(), "?")) + ")", Long.class, args.toArray());
    }

    private static long reminders(String trial) {
        return store.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? "
                + "AND convert_from(payload, 'UTF8')::jsonb ->> 'trialId' = ?", Long.class, TrialReminderEvent.class.getName(), trial);
    }

    /** Rows of Axon's deadline task in db-scheduler's table. */
    private static long pendingDeadlines() {
        return store.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'", Long.class);
    }

    private static String firedOn(String trial) {
        return store.queryForObject("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'firedOn' FROM domain_event_entry "
                + "WHERE payload_type = ? AND aggregate_identifier = ?", String.class, TrialExpiredEvent.class.getName(), trial);
    }
}
