package io.wework.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Whether PostgreSQL answers, known without waiting: a probe of its own (one connection outside the pool,
 * with connect, login and socket timeouts of {@link DatabaseOutageSettings#probeTimeout()}) validates it every
 * {@link DatabaseOutageSettings#probeInterval()}, and reconnects while it cannot. A pool that times out on a
 * connection also marks it unreachable at once ({@link #markUnreachable}); only a successful probe marks it
 * reachable again.
 * <p>
 * While unreachable, the pool waits {@link DatabaseOutageSettings#connectionTimeout()} instead of its own
 * timeout ({@link FailFastDataSource}) and the {@code db} health contributor is DOWN
 * ({@link DatabaseHealthIndicator}), which takes the node out of readiness.
 */
public class DatabaseReachability implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReachability.class);

    private final HikariDataSource pool;
    private final DatabaseOutageSettings settings;
    private volatile boolean reachable = true;
    private volatile String lastError;
    private volatile Instant since = Instant.now();
    private Connection probe;
    private ScheduledExecutorService scheduler;

    public DatabaseReachability(HikariDataSource pool, DatabaseOutageSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    public boolean reachable() {
        return reachable;
    }

    public String lastError() {
        return lastError;
    }

    public Instant since() {
        return since;
    }

    /** Called by whoever saw the pool fail to reach the server; the next successful probe undoes it. */
    public void markUnreachable(Throwable cause) {
        if (reachable) {
            reachable = false;
            since = Instant.now();
            lastError = String.valueOf(cause);
            log.warn("PostgreSQL unreachable: {}", lastError);
        }
    }

    /** One check: runs on the probe's thread. */
    synchronized void check() {
        int seconds = (int) Math.max(1, (settings.probeTimeout().toMillis() + 999) / 1000);
        try {
            if (probe == null || probe.isClosed()) {
                Properties properties = new Properties();
                if (pool.getUsername() != null) {
                    properties.setProperty("user", pool.getUsername());
                }
                if (pool.getPassword() != null) {
                    properties.setProperty("password", pool.getPassword());
                }
                properties.setProperty("connectTimeout", Integer.toString(seconds));
                properties.setProperty("loginTimeout", Integer.toString(seconds));
                properties.setProperty("socketTimeout", Integer.toString(seconds));
                properties.setProperty("ApplicationName", "wework-reachability-probe");
                probe = DriverManager.getConnection(pool.getJdbcUrl(), properties);
            }
            if (!probe.isValid(seconds)) {
                throw new SQLException("The probe's connection did not answer within " + seconds + " s", "08006");
            }
            if (!reachable) {
                log.info("PostgreSQL reachable again after {}", java.time.Duration.between(since, Instant.now()));
                since = Instant.now();
                lastError = null;
                reachable = true;
            }
        } catch (SQLException | RuntimeException e) {
            closeProbe();
            markUnreachable(e);
        }
    }

    private void closeProbe() {
        if (probe != null) {
            try {
                probe.close();
            } catch (SQLException ignored) {
                // broken anyway
            }
            probe = null;
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null && pool.getJdbcUrl() != null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "database-reachability");
                thread.setDaemon(true);
                return thread;
            });
            long interval = settings.probeInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdownNow();
        }
        synchronized (this) {
            closeProbe();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
