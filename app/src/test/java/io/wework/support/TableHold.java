package io.wework.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a race happen for sure: holds {@code LOCK TABLE … IN SHARE MODE} in a transaction of its own,
 * so concurrent commands read the table freely but every write to it waits. Once the expected number
 * of transactions wait, {@link #close()} lets them all go at once: each has already made its check,
 * none has written yet.
 */
public final class TableHold implements AutoCloseable {

    private final Connection connection;
    private final JdbcTemplate jdbc;

    private TableHold(Connection connection, JdbcTemplate jdbc) {
        this.connection = connection;
        this.jdbc = jdbc;
    }

    public static TableHold writesTo(String table, JdbcTemplate jdbc) {
        DataSource dataSource = jdbc.getDataSource();
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("LOCK TABLE " + table + " IN SHARE MODE");
            }
            return new TableHold(connection, jdbc);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code n} transactions wait for a lock (this table's, or one they queue behind). */
    public void awaitWaiting(int n) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.queryForObject("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted", Long.class) >= n);
    }

    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
