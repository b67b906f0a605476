package io.wework.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.wework.platform.embedded.EmbeddedServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * WeWork's benchmark. Starts the packaged service ({@code app/target/wework.jar}) as a child
 * process against PostgreSQL and Redis, drives it over HTTP on loopback, measures the raw limits
 * on the same database, and writes a Markdown report.
 *
 * <pre>
 *   java -jar bench/target/wework-bench.jar [--servers local|embedded] [--seconds N] [--engines jpa,jdbc]
 *                                           [--out docs/benchmarks.md] [--smoke]
 * </pre>
 * {@code local} uses PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres; a fresh database per
 * run) and Redis on 127.0.0.1:6379 (database 15, flushed); {@code embedded} starts both in-process.
 */
public final class BenchMain {

    /** A fresh key per run, made as README says (`openssl rand -base64 32`): the service refuses weaker ones. */
    private static final String SECRET = randomKey();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> opts;
    private final String args;
    private final double seconds;
    private final boolean smoke;
    private final StringBuilder report = new StringBuilder();
    /** Figures for the targets table (filled by the steps that measure them). */
    private final Map<String, Double> summary = new LinkedHashMap<>();
    /** Steps to run (all unless {@code --steps} names some): register, update, raw, lag, read, crud, replay. */
    private final java.util.Set<String> steps;
    /** JVM options of the measured services ({@code --jvm-options "..."}). */
    private final List<String> jvmOptions;

    private BenchMain(Map<String, String> opts, String args) {
        this.opts = opts;
        this.args = args;
        this.smoke = opts.containsKey("smoke");
        this.seconds = Double.parseDouble(opts.getOrDefault("seconds", smoke ? "1" : "10"));
        this.steps = new java.util.HashSet<>(List.of(opts.getOrDefault("steps",
                "register,update,raw,lag,read,crud,replay,start").split(",")));
        this.jvmOptions = List.of(opts.getOrDefault("jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+"));
    }

    /** What README.md recommends for running the service. */
    static final String DEFAULT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx192m -Xss512k";

    private boolean step(String name) {
        return steps.contains(name);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i].replaceFirst("^--", "");
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(a, args[++i]);
            } else {
                opts.put(a, "true");
            }
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        new BenchMain(opts, String.join(" ", args)).run();
        System.exit(0);
    }

    record Servers(String adminJdbc, String jdbcUser, String redisUrl, boolean embedded) {
        String jdbcFor(String db) {
            return adminJdbc.replaceFirst("/[^/]*$", "/" + db);
        }
    }

    private void run() throws Exception {
        Path root = Path.of(opts.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path jar = root.resolve("app/target/wework.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the service first: mvn -B -DskipTests package (" + jar + " is missing)");
        }
        Path work = root.resolve("bench/target/run");
        Files.createDirectories(work);
        Servers servers = servers(work);
        List<String> engines = List.of(opts.getOrDefault("engines", "jdbc").split(","));
        int[] clientLevels = opts.containsKey("clients")
                ? java.util.Arrays.stream(opts.get("clients").split(",")).mapToInt(Integer::parseInt).toArray()
                : smoke ? new int[] {1, 4} : new int[] {1, 8, 32};

        header(servers, clientLevels);
        Map<String, Map<String, Load.Result>> byEngine = new LinkedHashMap<>();
        for (String engine : engines) {
            byEngine.put(engine, runEngine(engine, jar, work, servers, clientLevels, engine.equals(engines.get(0))));
        }
        if (engines.size() > 1) {
            engineComparison(byEngine, clientLevels);
        }
        Path crudJar = root.resolve("bench-crud/target/wework-crud.jar");
        if (Files.exists(crudJar) && step("crud")) {
            crudSection(crudJar, work, servers, clientLevels, byEngine.get(engines.get(0)));
        }
        int replayEvents = Integer.parseInt(opts.getOrDefault("replay-events", smoke ? "2000" : "1000000"));
        if (replayEvents > 0 && step("replay")) {
            new ReplayBench(jar, work, servers, replayEvents, SECRET, report, jvmOptions, summary).run();
        }
        if (step("start")) {
            embeddedStart(jar, work);
        }
        targets(byEngine.get(engines.get(0)));
        Path out = root.resolve(opts.getOrDefault("out", smoke ? "bench/target/benchmarks-smoke.md" : "docs/benchmarks.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
        System.out.println("Report written to " + out);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private Servers servers(Path work) {
        if ("embedded".equals(opts.getOrDefault("servers", smoke ? "embedded" : "local"))) {
            String pg = EmbeddedServers.startPostgres(work.resolve("embedded"), true);
            String redis = EmbeddedServers.startRedis(work.resolve("embedded"), true);
            return new Servers(pg, "postgres", redis + "/15", true);
        }
        return new Servers("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "redis://127.0.0.1:6379/15", false);
    }

    private Map<String, Load.Result> runEngine(String engine, Path jar, Path work, Servers servers, int[] clientLevels,
                                               boolean full) throws Exception {
        String db = "wework_bench_" + engine;
        recreateDatabase(servers, db);
        try (RedisClient redisClient = RedisClient.create(servers.redisUrl());
             StatefulRedisConnection<String, String> redis = redisClient.connect()) {
            redis.sync().flushdb();
            Map<String, String> env = Map.of(
                    "DATABASE_URL", servers.jdbcFor(db) + "?user=" + servers.jdbcUser(),
                    "REDIS_URL", servers.redisUrl(),
                    "JWT_SECRET_KEY", SECRET,
                    "AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            List<String> args = List.of("--wework.security.bcrypt-strength=4",
                    // every benchmark client signs up from 127.0.0.1: lift the per-address sign-up limit
                    "--wework.security.registration.max-per-address=" + Integer.MAX_VALUE,
                    "--logging.level.root=WARN");
            Map<String, Load.Result> results = new LinkedHashMap<>();
            try (AppProcess app = AppProcess.start(jar, freePort(), env, args, work.resolve("app-" + engine + ".log"),
                    jvmOptions)) {
                String base = "http://127.0.0.1:" + app.port;
                double rssIdle = app.rssMiB();
                Queue<String> created = new ConcurrentLinkedQueue<>();
                String runId = UUID.randomUUID().toString().substring(0, 6);
                LagProbe lag = full && step("lag") ? new LagProbe(servers.jdbcFor(db), servers.jdbcUser()) : null;
                if (step("register") || step("read")) {
                    for (int clients : clientLevels) {
                        LagProbe probe = clients == 8 || (smoke && clients == clientLevels[clientLevels.length - 1]) ? lag : null;
                        results.put("register@" + clients, Load.run("register", clients, seconds / 3, seconds,
                                (c, seq) -> register(base, runId + "-" + engine + "-" + clients + "-" + seq, created, probe),
                                app::cpuMillis));
                    }
                }
                if (!full) {
                    return results;
                }
                if (step("update")) {
                    for (int clients : clientLevels) {
                        String[] tokens = new String[clients];
                        for (int c = 0; c < clients; c++) {
                            tokens[c] = tokenFor(base, runId + "-upd-" + clients + "-" + c);
                        }
                        Map<String, Double> threadsBefore = app.threadCpuMillis();
                        results.put("update@" + clients, Load.run("update", clients, seconds / 3, seconds,
                                (c, seq) -> updateProfile(base, tokens[c], seq), app::cpuMillis));
                        printThreadCpu("update@" + clients, threadsBefore, app.threadCpuMillis(),
                                results.get("update@" + clients).ok());
                    }
                }
                List<Load.Result> raw = new ArrayList<>();
                if (step("raw")) {
                    try (RawInsert rawInsert = new RawInsert(servers.jdbcFor(db), servers.jdbcUser())) {
                        for (int clients : clientLevels) {
                            raw.add(rawInsert.run(clients, seconds));
                        }
                    }
                }
                if (step("register")) {
                    section("Registration over HTTP (`POST /api/auth/register`; engine: " + engine + ")");
                    commandTable(clientLevels, results, "register", raw);
                }
                if (step("update")) {
                    section("Profile update over HTTP (`PATCH /api/auth/me`, one user per client)");
                    commandTable(clientLevels, results, "update", raw);
                }
                lagSection(lag);
                exactlyOnce(servers.jdbcFor(db), servers.jdbcUser());
                if (step("read")) {
                    readSection(base, created, redis.sync(), clientLevels, results);
                }
                double rssLoaded = app.rssMiB();
                section("The service itself");
                report.append("| measure | value |\n|---|---|\n");
                report.append(String.format("| JVM start to ready (`/actuator/health/readiness` = 200), external servers | %d ms |%n",
                        app.startToReadyMillis));
                report.append(String.format("| resident memory after start | %.0f MiB |%n", rssIdle));
                report.append(String.format("| resident memory after the load | %.0f MiB |%n", rssLoaded));
                report.append("\nJVM options of the measured process: `").append(String.join(" ", jvmOptions)).append("`.\n");
                summary.put("start", (double) app.startToReadyMillis);
                summary.put("rssIdle", rssIdle);
                summary.put("rssLoaded", rssLoaded);
            }
            return results;
        }
    }

    /**
     * Start to ready in the embedded default (PostgreSQL and Redis started in-process), as the README's
     * run command does: a first start on an empty data folder (initdb), then a second on the same one.
     */
    private void embeddedStart(Path jar, Path work) throws Exception {
        Path data = work.resolve("embedded-start-data");
        deleteTree(data);
        Map<String, String> env = Map.of("WEWORK_DATA_DIR", data.toString(), "AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        List<String> args = List.of("--logging.level.root=WARN");
        Path extracted = jar.resolveSibling("wework").resolve("wework.jar");
        Path archive = work.resolve("wework-cds.jsa");
        section("Start to ready, embedded default");
        report.append("Each start runs the service with no server settings (embedded PostgreSQL and Redis, data in one "
                + "folder of the benchmark's), JVM options `").append(String.join(" ", jvmOptions))
                .append("`, until `/actuator/health/readiness` answers 200. The first start of all finds an empty data "
                        + "folder (initdb, migrations); the others reuse it. The embedded servers' own processes are not in "
                        + "the service's resident memory.\n\n")
                .append("| how it is started | start to ready (ms) | resident memory after start |\n|---|---|---|\n");
        startRow("`java -jar app/target/wework.jar`, empty data folder", jar, List.of(), env, args, work, "embedded-fat-1");
        startRow("`java -jar app/target/wework.jar`", jar, List.of(), env, args, work, "embedded-fat-2");
        if (Files.exists(extracted)) {
            startRow("`java -jar app/target/wework/wework.jar` (extracted by the build)", extracted, List.of(), env, args, work,
                    "embedded-extracted");
            Files.deleteIfExists(archive);
            List<String> train = new ArrayList<>();
            train.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            train.addAll(jvmOptions);
            train.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-jar",
                    extracted.toString()));
            train.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(train).redirectErrorStream(true)
                    .redirectOutput(work.resolve("app-cds-training.log").toFile());
            // its own data folder: a training start exits as soon as the context is refreshed
            Path trainingData = work.resolve("embedded-cds-training-data");
            deleteTree(trainingData);
            pb.environment().putAll(env);
            pb.environment().put("WEWORK_DATA_DIR", trainingData.toString());
            Process training = pb.start();
            if (training.waitFor(180, java.util.concurrent.TimeUnit.SECONDS) && Files.exists(archive)) {
                double ms = startRow("extracted, with the CDS archive of a training start (README, \"Faster start\")",
                        extracted, List.of("-XX:SharedArchiveFile=" + archive), env, args, work, "embedded-cds");
                summary.put("startEmbedded", ms);
            } else {
                training.destroyForcibly();
                report.append("| extracted, with a CDS archive | training start failed, see app-cds-training.log | |\n");
            }
            deleteTree(trainingData);
        }
        deleteTree(data);
    }

    /** One start-to-ready measurement as a table row; returns the milliseconds. */
    private double startRow(String label, Path jar, List<String> extraOptions, Map<String, String> env, List<String> args,
                            Path work, String log) throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(extraOptions);
        try (AppProcess app = AppProcess.start(jar, freePort(), env, args, work.resolve("app-" + log + ".log"), options)) {
            report.append(String.format("| %s | %d | %.0f MiB |%n", label, app.startToReadyMillis, app.rssMiB()));
            summary.putIfAbsent("startEmbedded", (double) app.startToReadyMillis);
            return app.startToReadyMillis;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The issue's targets, each with the figure this run measured (– where the step did not run). */
    private void targets(Map<String, Load.Result> results) {
        Load.Result update = results == null ? null : results.get("update@8");
        if (update != null) {
            summary.put("updateCpu", update.cpuPerOp());
        }
        section("Targets (this run)");
        report.append("| measure | target | measured | met |\n|---|---|---|---|\n");
        target("`PATCH /api/auth/me` ÷ CRUD+Envers update, 8 clients", "≥ 1.0", "updateVsCrud", "%.2f", true, 1.0);
        target("register ÷ CRUD+Envers register, 8 clients", "≥ 0.8", "registerVsCrud", "%.2f", true, 0.8);
        target("JVM CPU per profile update (ms, /proc)", "≤ 1.5", "updateCpu", "%.2f", false, 1.5);
        target("cached public-profile read, p99 at 8 clients (ms)", "< 3", "readP99", "%.2f", false, 3);
        target("lag of the audit read model under load, p99 (ms)", "< 20", "lagP99", "%.1f", false, 20);
        target("replay ÷ hand-written JDBC rebuild", "≥ 0.6", "replayVsJdbc", "%.2f", true, 0.6);
        target("start to ready, embedded default, recommended start (ms)", "< 6000", "startEmbedded", "%.0f", false, 6000);
        target("resident memory after start (MiB)", "< 400", "rssIdle", "%.0f", false, 400);
        target("resident memory after the load (MiB)", "< 500", "rssLoaded", "%.0f", false, 500);
    }

    private void target(String name, String goal, String key, String format, boolean atLeast, double limit) {
        Double v = summary.get(key);
        String measured = v == null || v.isNaN() ? "–" : String.format(format, v);
        String met = v == null || v.isNaN() ? "–" : (atLeast ? v >= limit : v < limit || (goal.startsWith("≤") && v <= limit)) ? "yes" : "**no**";
        report.append("| ").append(name).append(" | ").append(goal).append(" | ").append(measured).append(" | ").append(met).append(" |\n");
    }

    /**
     * After the load: every 2xx command has its event (and no failed one has), and the asynchronous
     * audit projection holds each stored event exactly once (waiting up to 30 s for it to catch up).
     */
    private void exactlyOnce(String url, String user) throws Exception {
        if (!step("register") || !step("update")) {
            return;
        }
        long registrations;
        long updates;
        long events;
        long audited = -1;
        long duplicates;
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            registrations = count(s, "SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.wework.identity.api.UserRegisteredEvent'");
            updates = count(s, "SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.wework.identity.api.UserProfileUpdatedEvent'");
            events = count(s, "SELECT count(*) FROM domain_event_entry");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                audited = count(s, "SELECT count(*) FROM audit_log");
                if (audited >= events) {
                    break;
                }
                Thread.sleep(200); // the audit projection is asynchronous: poll (bounded, 30 s) until it has every event
            }
            duplicates = count(s, "SELECT count(*) - count(DISTINCT event_id) FROM audit_log");
        }
        section("Exactly once, after the load");
        report.append("Counted in PostgreSQL after the steps above (warm-ups included). Registrations include the ones made to "
                + "get tokens for the update step.\n\n| check | commands answered 2xx | stored | met |\n|---|---|---|---|\n");
        long registeredOk = REGISTERED.get() + TOKENS_REGISTERED.get();
        report.append(String.format("| every 2xx registration has its event | %d | %d | %s |%n", registeredOk, registrations,
                registeredOk == registrations ? "yes" : "**no**"));
        report.append(String.format("| every 2xx profile update has its event | %d | %d | %s |%n", UPDATED.get(), updates,
                UPDATED.get() == updates ? "yes" : "**no**"));
        report.append(String.format("| the audit projection holds every event once | %d events | %d rows, %d duplicates | %s |%n",
                events, audited, duplicates, audited == events && duplicates == 0 ? "yes" : "**no**"));
    }

    private static long count(Statement s, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Console only (not the report): which threads used the CPU during a step (incl. warm-up), per operation. */
    private static void printThreadCpu(String step, Map<String, Double> before, Map<String, Double> after, long ops) {
        System.out.println("CPU by thread during " + step + " (ms per op, warm-up included):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(e -> System.out.printf("  %-40s %.3f%n", e.getKey(), e.getValue() / Math.max(1, ops)));
    }

    /** Every 2xx registration and profile update of the run, warm-ups included (for the exactly-once check). */
    private static final java.util.concurrent.atomic.AtomicLong REGISTERED = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong UPDATED = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong TOKENS_REGISTERED = new java.util.concurrent.atomic.AtomicLong();

    private static boolean register(String base, String tag, Queue<String> created, LagProbe lag) throws Exception {
        String email = "b-" + tag + "@bench.io";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email
                        + "\",\"password\":\"bench-pass-1\",\"full_name\":\"Bench User\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            return false;
        }
        long answeredAt = System.nanoTime();
        int i = r.body().indexOf("\"id\":\"");
        String id = r.body().substring(i + 6, r.body().indexOf('"', i + 6));
        created.add(id);
        REGISTERED.incrementAndGet();
        if (lag != null) {
            lag.expect(id, answeredAt);
        }
        return true;
    }

    /** Registers and logs in a user; returns its access token. */
    private static String tokenFor(String base, String tag) throws Exception {
        String email = "u-" + tag + "@bench.io";
        HttpResponse<String> reg = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"bench-pass-1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (reg.statusCode() != 201) {
            throw new IllegalStateException("register for update failed: " + reg.statusCode() + " " + reg.body());
        }
        TOKENS_REGISTERED.incrementAndGet();
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + email + "\",\"password\":\"bench-pass-1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        int i = login.body().indexOf("\"access_token\":\"");
        return login.body().substring(i + 16, login.body().indexOf('"', i + 16));
    }

    private static boolean updateProfile(String base, String token, long seq) throws Exception {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/me"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"bio\":\"bench bio " + seq + "\"}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
            UPDATED.incrementAndGet(); // each bio differs from the last, so each 200 must have stored one event
            return true;
        }
        return false;
    }

    private void lagSection(LagProbe lag) throws InterruptedException {
        if (lag == null) {
            return;
        }
        lag.close();
        section("Projection lag under sustained load (register at 8 clients)");
        report.append("Time from a command's 2xx to its row being visible in a read model the command does **not** wait for "
                + "(`audit_log`, written by the `audit` pooled processor), measured by polling PostgreSQL every 2 ms "
                + "(resolution ≈ 2 ms plus the poll itself). The `users` read model is never behind a 2xx: it is written "
                + "in the command's own transaction.\n\n");
        report.append("| samples | not seen within 10 s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        summary.put("lagP99", lag.histogram().getValueAtPercentile(99) / 1000.0);
        report.append(String.format("| %d | %d | %.1f | %.1f | %.1f |%n", lag.histogram().getTotalCount(), lag.missed(),
                lag.histogram().getValueAtPercentile(50) / 1000.0, lag.histogram().getValueAtPercentile(99) / 1000.0,
                lag.histogram().getMaxValue() / 1000.0));
    }

    private void crudSection(Path crudJar, Path work, Servers servers, int[] clientLevels,
                             Map<String, Load.Result> wework) throws Exception {
        String db = "wework_bench_crud";
        recreateDatabase(servers, db);
        Map<String, String> env = Map.of(
                "SPRING_DATASOURCE_URL", servers.jdbcFor(db),
                "SPRING_DATASOURCE_USERNAME", servers.jdbcUser(),
                "SPRING_DATASOURCE_PASSWORD", "");
        Map<String, Load.Result> crud = new LinkedHashMap<>();
        try (AppProcess app = AppProcess.start(crudJar, freePort(), env, List.of(), work.resolve("app-crud.log"), jvmOptions)) {
            String base = "http://127.0.0.1:" + app.port;
            String runId = UUID.randomUUID().toString().substring(0, 6);
            for (int clients : clientLevels) {
                crud.put("register@" + clients, Load.run("crud-register", clients, seconds / 3, seconds,
                        (c, seq) -> crudRegister(base, "c-" + runId + "-" + clients + "-" + seq) != null, app::cpuMillis));
            }
            for (int clients : clientLevels) {
                String[] ids = new String[clients];
                for (int c = 0; c < clients; c++) {
                    ids[c] = crudRegister(base, "cu-" + runId + "-" + clients + "-" + c);
                }
                crud.put("update@" + clients, Load.run("crud-update", clients, seconds / 3, seconds,
                        (c, seq) -> HTTP.send(HttpRequest.newBuilder(URI.create(base + "/crud/users/" + ids[c]))
                                .header("Content-Type", "application/json")
                                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"bio\":\"bench bio " + seq + "\"}"))
                                .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200, app::cpuMillis));
            }
        }
        section("WeWork vs. the CRUD + Envers alternative (`bench-crud`: Spring Data JPA, Hibernate Envers, BCrypt cost 4)");
        report.append("| operation | clients | WeWork ops/s | WeWork p99 ms | WeWork JVM CPU ms/op | CRUD ops/s | CRUD p99 ms "
                + "| CRUD JVM CPU ms/op | WeWork ÷ CRUD | failed (WeWork/CRUD) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (String op : List.of("register", "update")) {
            for (int clients : clientLevels) {
                Load.Result w = wework.get(op + "@" + clients);
                Load.Result c = crud.get(op + "@" + clients);
                if (w == null || c == null) {
                    continue;
                }
                report.append(String.format("| %s | %d | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f | %d/%d |%n", op, clients,
                        w.perSecond(), w.p(99), w.cpuPerOp(), c.perSecond(), c.p(99), c.cpuPerOp(),
                        w.perSecond() / c.perSecond(), w.failed(), c.failed()));
                if (clients == 8) {
                    summary.put(op + "VsCrud", w.perSecond() / c.perSecond());
                }
            }
        }
    }

    private static String crudRegister(String base, String tag) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/crud/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + tag + "@bench.io\",\"password\":\"bench-pass-1\","
                        + "\"full_name\":\"Bench User\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            return null;
        }
        int i = r.body().indexOf("\"id\":\"");
        return r.body().substring(i + 6, r.body().indexOf('"', i + 6));
    }

    private void readSection(String base, Queue<String> created, io.lettuce.core.api.sync.RedisCommands<String, String> redis,
                             int[] clientLevels, Map<String, Load.Result> results) throws Exception {
        List<String> ids = new ArrayList<>(created);
        if (ids.isEmpty()) {
            return;
        }
        section("Reads: `GET /api/auth/users/{id}/public`");
        report.append("| cache | clients | reads/s | p50 ms | p99 ms | p99.9 ms | failed |\n|---|---|---|---|---|---|---|\n");
        List<String> sample = ids.subList(0, Math.min(ids.size(), 2000));
        for (String id : sample) { // warm the cache
            get(base + "/api/auth/users/" + id + "/public");
        }
        for (int clients : readLevels(clientLevels)) {
            Load.Result hit = Load.run("read-hit", clients, seconds / 3, seconds,
                    (c, seq) -> get(base + "/api/auth/users/" + sample.get((int) (seq % sample.size())) + "/public"));
            row("hit", hit);
            if (clients == 8) {
                summary.put("readP99", hit.p(99));
            }
        }
        for (int clients : readLevels(clientLevels)) {
            List<String> order = new CopyOnWriteArrayList<>(ids);
            Load.Result miss = Load.run("read-miss", clients, 0, seconds, (c, seq) -> {
                String id = order.get((int) (seq % order.size()));
                redis.del("wework:identity:profile:" + id); // not timed separately: the DEL is part of the op
                return get(base + "/api/auth/users/" + id + "/public");
            });
            row("miss (+1 Redis DEL per read)", miss);
        }
    }

    private int[] readLevels(int[] clientLevels) {
        return smoke ? new int[] {clientLevels[clientLevels.length - 1]} : new int[] {8, 32};
    }

    private static boolean get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200;
    }

    private void header(Servers servers, int[] levels) throws IOException, InterruptedException {
        report.append("# WeWork benchmarks\n\n");
        report.append("Produced by `mvn -B -DskipTests package && java -jar bench/target/wework-bench.jar")
                .append(args.isEmpty() ? "" : " " + args).append("` on ").append(Instant.now()).append(".\n\n");
        report.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", ").append(memTotal()).append(", Java ")
                .append(System.getProperty("java.version")).append(". Servers: ")
                .append(servers.embedded() ? "embedded PostgreSQL and Redis started by the benchmark"
                        : "PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 (the machine's own)")
                .append(". Load generator, service and servers share the machine.\n\n");
        report.append("Each step: closed loop, ").append(levelsText(levels)).append(" clients, ")
                .append(String.format("%.1f", seconds / 3)).append(" s warm-up then ").append(String.format("%.0f", seconds))
                .append(" s measured. Latencies from HdrHistogram (microsecond resolution), in ms. ")
                .append("Registrations use BCrypt cost 4 (`--wework.security.bcrypt-strength=4`; the default 10 costs ~50 ms of CPU per "
                        + "registration on its own and would measure BCrypt, not the pipeline) and no per-address sign-up limit "
                        + "(`--wework.security.registration.max-per-address`; every client is 127.0.0.1). Every registration must answer 201; "
                        + "anything else counts as failed.\n");
    }

    private static String levelsText(int[] levels) {
        StringBuilder b = new StringBuilder();
        for (int l : levels) {
            b.append(b.length() == 0 ? "" : "/").append(l);
        }
        return b.toString();
    }

    private void engineComparison(Map<String, Map<String, Load.Result>> byEngine, int[] levels) {
        section("Event storage engine: JPA vs JDBC (`POST /api/auth/register`)");
        report.append("| engine | clients | commands/s | p50 ms | p99 ms | p99.9 ms | failed |\n|---|---|---|---|---|---|---|\n");
        byEngine.forEach((engine, results) -> {
            for (int clients : levels) {
                Load.Result r = results.get("register@" + clients);
                report.append(String.format("| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |%n", engine, clients, r.perSecond(),
                        r.p(50), r.p(99), r.p(99.9), r.failed()));
            }
        });
    }

    /** One operation's rows: throughput, latencies, JVM CPU per operation (from /proc), and the raw-INSERT ratio. */
    private void commandTable(int[] levels, Map<String, Load.Result> results, String op, List<Load.Result> raw) {
        report.append("| clients | ops/s | p50 ms | p99 ms | p99.9 ms | failed | JVM CPU ms/op | ÷ raw INSERT/s |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < levels.length; i++) {
            Load.Result c = results.get(op + "@" + levels[i]);
            if (c == null) {
                continue;
            }
            String ratio = i < raw.size() ? String.format("%.3f", c.perSecond() / raw.get(i).perSecond()) : "–";
            report.append(String.format("| %d | %.0f | %.2f | %.2f | %.2f | %d | %.2f | %s |%n", c.clients(), c.perSecond(),
                    c.p(50), c.p(99), c.p(99.9), c.failed(), c.cpuPerOp(), ratio));
        }
        if (!raw.isEmpty() && op.equals("register")) {
            report.append("\nThe limit, raw single-row INSERTs (autocommit, plain JDBC, same database):\n\n")
                    .append("| clients | inserts/s | p50 ms | p99 ms |\n|---|---|---|---|\n");
            for (Load.Result r : raw) {
                report.append(String.format("| %d | %.0f | %.2f | %.2f |%n", r.clients(), r.perSecond(), r.p(50), r.p(99)));
            }
        }
    }

    private void row(String label, Load.Result r) {
        report.append(String.format("| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |%n", label, r.clients(), r.perSecond(),
                r.p(50), r.p(99), r.p(99.9), r.failed()));
    }

    private void section(String title) {
        report.append("\n## ").append(title).append("\n\n");
    }

    static void recreateDatabase(Servers servers, String db) throws Exception {
        try (Connection c = DriverManager.getConnection(servers.adminJdbc(), servers.jdbcUser(), "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB RAM")
                    .orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** The limit: the same clients each inserting one row per transaction over plain JDBC. */
    static final class RawInsert implements AutoCloseable {
        private final String url;
        private final String user;

        RawInsert(String url, String user) throws Exception {
            this.url = url;
            this.user = user;
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_raw_users (id varchar(36) PRIMARY KEY, email varchar(320) UNIQUE, "
                        + "payload bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            }
        }

        Load.Result run(int clients, double seconds) throws Exception {
            Connection[] connections = new Connection[clients];
            PreparedStatement[] statements = new PreparedStatement[clients];
            for (int i = 0; i < clients; i++) {
                connections[i] = DriverManager.getConnection(url, user, "");
                statements[i] = connections[i].prepareStatement(
                        "INSERT INTO bench_raw_users (id, email, payload) VALUES (?, ?, ?)");
            }
            try {
                return Load.run("raw-insert", clients, seconds / 3, seconds, (c, seq) -> {
                    String id = UUID.randomUUID().toString();
                    PreparedStatement ps = statements[c];
                    ps.setString(1, id);
                    ps.setString(2, "raw-" + id + "@bench.io");
                    ps.setBytes(3, ("{\"email\":\"raw-" + id + "@bench.io\",\"fullName\":\"Bench User\",\"passwordHash\":"
                            + "\"$2a$04$abcdefghijklmnopqrstuuFz6rWbq0yqJ2u1m2WmP6S0u6c4s9S2\",\"role\":\"USER\"}").getBytes());
                    return ps.executeUpdate() == 1;
                });
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
