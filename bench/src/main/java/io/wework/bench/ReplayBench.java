package io.wework.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Replay: {@code N} stored {@code UserRegisteredEvent}s, rebuilt into {@code users_view} by the
 * service's own replay endpoint, against a hand-written JDBC rebuild of the same table (the limit).
 */
final class ReplayBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "bench-admin@bench.io";
    private static final String ADMIN_PASSWORD = "bench-admin-password-1";

    private final Path jar;
    private final Path work;
    private final BenchMain.Servers servers;
    private final int events;
    private final String secret;
    private final StringBuilder report;
    private final HttpClient http = HttpClient.newHttpClient();

    private final List<String> jvmOptions;
    private final Map<String, Double> summary;

    ReplayBench(Path jar, Path work, BenchMain.Servers servers, int events, String secret, StringBuilder report,
                List<String> jvmOptions, Map<String, Double> summary) {
        this.jvmOptions = jvmOptions;
        this.summary = summary;
        this.jar = jar;
        this.work = work;
        this.servers = servers;
        this.events = events;
        this.secret = secret;
        this.report = report;
    }

    void run() throws Exception {
        String db = "wework_bench_replay";
        BenchMain.recreateDatabase(servers, db);
        String url = servers.jdbcFor(db);
        // 1. the schema and the processors' tokens come from a first start
        try (AppProcess app = start(db, "replay-setup")) {
            login(app);
        }
        // 2. N events appended in bulk; every processor is moved to the head (they need not process them live)
        long t0 = System.nanoTime();
        long head;
        try (Connection c = DriverManager.getConnection(url, servers.jdbcUser(), ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, "
                    + "type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                    + "SELECT nextval('domain_event_global_index_seq'), gen_random_uuid()::text, u.id, 0, 'User', "
                    + "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
                    + "'io.wework.identity.api.UserRegisteredEvent', '2', convert_to(json_build_object("
                    + "'email', 'r' || u.g || '@bench.io', 'fullName', 'Replay User ' || u.g, 'passwordHash', "
                    + "'$2a$04$benchbenchbenchbenchbeOq0Rj9C3n2yqJ8m1u6v2t4s0r8p6n4m', 'phoneNumber', NULL, "
                    + "'phoneVerified', false, "
                    + "'registeredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
                    + "'role', 'USER', 'userId', u.id)::text, 'UTF8'), convert_to('{\"actor_id\":\"bench\"}', 'UTF8') "
                    + "FROM (SELECT gen_random_uuid()::text AS id, g FROM generate_series(1, " + events + ") g) u");
            try (ResultSet rs = s.executeQuery("SELECT max(global_index) FROM domain_event_entry")) {
                rs.next();
                head = rs.getLong(1);
            }
            s.execute("UPDATE token_entry SET token = convert_to('{\"gaps\":[],\"index\":" + head + "}', 'UTF8'), "
                    + "token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL");
            s.execute("VACUUM ANALYZE domain_event_entry");
        }
        double appendSeconds = (System.nanoTime() - t0) / 1e9;
        long total;
        try (Connection c = DriverManager.getConnection(url, servers.jdbcUser(), "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rs.next();
            total = rs.getLong(1);
        }
        // 3. the service replays `users` from the first event
        double replaySeconds;
        double reportedRate = 0;
        try (AppProcess app = start(db, "replay")) {
            String token = login(app);
            String base = "http://127.0.0.1:" + app.port;
            long start = System.nanoTime();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/projections/users/replay"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) {
                throw new IllegalStateException("replay refused: " + started.statusCode() + " " + started.body());
            }
            while (true) {
                Thread.sleep(200);
                JsonNode status = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/projections/users"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
                JsonNode progress = status.get("replay");
                if (progress != null && !progress.isNull() && progress.get("percent_done").asDouble() > 40) {
                    reportedRate = Math.max(reportedRate, progress.get("events_per_second").asDouble());
                }
                if (!status.get("replaying").asBoolean() && status.get("position").asLong() >= head) {
                    break;
                }
                if ((System.nanoTime() - start) / 1e9 > 1800) {
                    throw new IllegalStateException("replay did not finish within 30 min");
                }
            }
            replaySeconds = (System.nanoTime() - start) / 1e9;
        }
        long rows;
        try (Connection c = DriverManager.getConnection(url, servers.jdbcUser(), "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM users_view")) {
            rs.next();
            rows = rs.getLong(1);
        }
        // 4. the limit: a hand-written JDBC rebuild of the same table
        double jdbcSeconds = jdbcRebuild(url);

        report.append("\n## Replay: rebuilding `users_view` from ").append(String.format("%,d", total)).append(" stored events\n\n");
        report.append(String.format("Appending the %,d synthetic `UserRegisteredEvent`s (one SQL statement) took %.1f s. ", events,
                appendSeconds));
        report.append("Replay = `POST /api/admin/projections/users/replay` until the processor has passed the head, timed by "
                + "the benchmark (polling every 200 ms). JDBC rebuild = read every event in order (fetch size 5,000), parse its "
                + "JSON with Jackson, batch-insert rows (1,000 per batch and commit) into a copy of `users_view`; it handles "
                + "only registrations, which all but the few setup events are.\n\n");
        report.append("| rebuild | seconds | events/s | rows |\n|---|---|---|---|\n");
        report.append(String.format("| WeWork replay (replay-only processor `users`) | %.1f | %,.0f | %,d |%n", replaySeconds,
                total / replaySeconds, rows));
        report.append(String.format("| hand-written JDBC rebuild (the limit) | %.1f | %,.0f | %,d |%n", jdbcSeconds,
                total / jdbcSeconds, rows));
        summary.put("replayVsJdbc", jdbcSeconds / replaySeconds);
        report.append(String.format("%nReplay ÷ JDBC rebuild: **%.2f**. Rate the replay endpoint itself reported past 40 %%: "
                + "%,.0f events/s.%n", jdbcSeconds / replaySeconds, reportedRate));
    }

    private double jdbcRebuild(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, servers.jdbcUser(), "")) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS users_view_jdbc");
                s.execute("CREATE TABLE users_view_jdbc (LIKE users_view INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (Connection reader = DriverManager.getConnection(url, servers.jdbcUser(), "")) {
                reader.setAutoCommit(false);
                try (PreparedStatement read = reader.prepareStatement(
                        "SELECT payload_type, payload, sequence_number FROM domain_event_entry ORDER BY global_index");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO users_view_jdbc (id, email, phone_number, "
                             + "full_name, role, is_active, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, true, ?, ?, ?) "
                             + "ON CONFLICT (id) DO NOTHING")) {
                    read.setFetchSize(5000);
                    int batch = 0;
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            if (!rs.getString(1).endsWith("UserRegisteredEvent")) {
                                continue;
                            }
                            JsonNode e = JSON.readTree(rs.getBytes(2));
                            Timestamp at = Timestamp.from(Instant.parse(e.get("registeredAt").asText()));
                            insert.setString(1, e.get("userId").asText());
                            insert.setString(2, e.path("email").isNull() ? null : e.path("email").asText(null));
                            insert.setString(3, e.path("phoneNumber").isNull() ? null : e.path("phoneNumber").asText(null));
                            insert.setString(4, e.path("fullName").isNull() ? null : e.path("fullName").asText(null));
                            insert.setString(5, e.get("role").asText());
                            insert.setTimestamp(6, at);
                            insert.setTimestamp(7, at);
                            insert.setLong(8, rs.getLong(3));
                            insert.addBatch();
                            if (++batch == 1000) {
                                insert.executeBatch();
                                c.commit();
                                batch = 0;
                            }
                        }
                    }
                    insert.executeBatch();
                    c.commit();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private AppProcess start(String db, String name) throws Exception {
        Map<String, String> env = Map.of(
                "DATABASE_URL", servers.jdbcFor(db) + "?user=" + servers.jdbcUser(),
                "REDIS_URL", servers.redisUrl(),
                "JWT_SECRET_KEY", secret,
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return AppProcess.start(jar, BenchMain.freePort(), env, List.of("--wework.security.bcrypt-strength=4",
                "--wework.bootstrap.admin-email=" + ADMIN, "--wework.bootstrap.admin-password=" + ADMIN_PASSWORD,
                "--logging.level.root=WARN"), work.resolve("app-" + name + ".log"), jvmOptions);
    }

    private String login(AppProcess app) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body()).get("access_token").asText();
            }
            Thread.sleep(100); // the bootstrap admin is created right after startup
        }
        throw new IllegalStateException("cannot log in as the bootstrap admin");
    }
}
