package io.wework.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's pool, failing fast while PostgreSQL is known unreachable: a request then waits
 * {@link DatabaseOutageSettings#connectionTimeout()} for a pooled connection instead of the pool's
 * {@code connection-timeout} (5 s), so it answers 503 within a second instead of holding its thread. While
 * PostgreSQL is reachable nothing changes. A connection the pool cannot give in time marks PostgreSQL
 * unreachable at once, before the probe notices.
 */
public class FailFastDataSource extends DelegatingDataSource {

    private final HikariDataSource hikari;
    private final DatabaseReachability reachability;
    private final long outageTimeoutMillis;

    public FailFastDataSource(HikariDataSource hikari, DatabaseReachability reachability, DatabaseOutageSettings settings) {
        super(hikari);
        this.hikari = hikari;
        this.reachability = reachability;
        this.outageTimeoutMillis = settings.connectionTimeout().toMillis();
    }

    public DatabaseReachability reachability() {
        return reachability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!reachability.reachable() && hikari.getHikariPoolMXBean() instanceof HikariPool pool) {
                return pool.getConnection(outageTimeoutMillis);
            }
            return hikari.getConnection();
        } catch (SQLTransientConnectionException e) {
            reachability.markUnreachable(e);
            throw e;
        }
    }
}
