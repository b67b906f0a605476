package io.wework.platform.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * What a failure's cause chain says about the database connection, whatever wraps it (Axon's
 * {@code EventStoreException}, whose message wrongly speaks of a duplicate aggregate, a Spring
 * {@code DataAccessException}, a {@code CommandExecutionException}, ...).
 * <ul>
 *   <li>{@link #NOT_CONNECTED}: no connection could be had (the pool timed out, the server refused): the
 *       command's transaction never started, so nothing was saved.</li>
 *   <li>{@link #LOST}: an open connection broke (SQLState class 08, a recoverable/connection exception)
 *       before COMMIT was sent: the transaction was rolled back by the server.</li>
 *   <li>{@link #COMMIT_UNKNOWN}: the connection broke while committing ({@code Connection.commit} is on the
 *       failing stack): the change may or may not have been saved.</li>
 * </ul>
 */
public enum DatabaseConnectionLoss {
    NONE, NOT_CONNECTED, LOST, COMMIT_UNKNOWN;

    private static final int MAX_DEPTH = 20;
    private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    public static DatabaseConnectionLoss of(Throwable failure) {
        DatabaseConnectionLoss found = NONE;
        Throwable t = failure;
        for (int depth = 0; depth < MAX_DEPTH && t != null; depth++) {
            DatabaseConnectionLoss here = classify(t);
            if (here != NONE) {
                if (here == LOST && failedInCommit(failure)) {
                    return COMMIT_UNKNOWN;
                }
                found = here;
                break;
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return found;
    }

    private static DatabaseConnectionLoss classify(Throwable t) {
        if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof java.net.ConnectException) {
            // Hikari's "Connection is not available, request timed out" is an SQLTransientConnectionException
            return NOT_CONNECTED;
        }
        if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
            return LOST;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            // class 08: connection exception (PostgreSQL's 08006 connection failure, 08001 unable to connect, ...)
            return "08001".equals(sql.getSQLState()) || "08004".equals(sql.getSQLState()) ? NOT_CONNECTED : LOST;
        }
        if (t instanceof SQLException && t.getStackTrace().length > 0
                && t.getStackTrace()[0].getClassName().startsWith(HIKARI_CLOSED_CONNECTION)) {
            // Hikari's "Connection is closed" (no SQLState): a rollback on a connection the pool already
            // evicted as broken, which Spring throws in place of the failure that broke it
            return LOST;
        }
        if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
            return LOST;
        }
        return NONE;
    }

    /** Whether any exception of the chain was thrown from a JDBC connection's {@code commit()}. */
    private static boolean failedInCommit(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; depth < MAX_DEPTH && t != null; depth++) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if ("commit".equals(frame.getMethodName()) && isConnection(frame.getClassName())) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return false;
    }

    private static boolean isConnection(String className) {
        try {
            return Connection.class.isAssignableFrom(Class.forName(className, false,
                    DatabaseConnectionLoss.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    public String detail(String method) {
        boolean safe = method == null || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        return switch (this) {
            case COMMIT_UNKNOWN -> "The database connection was lost while the change was being committed: it may or "
                    + "may not have been saved. Retrying after Retry-After seconds is safe: a 503 is never stored under an "
                    + "Idempotency-Key, and if the change was saved a repeated registration is refused as a duplicate "
                    + "(409) and a repeated update sets the same values again";
            case LOST -> safe ? "The database connection was lost; retry later"
                    : "The database connection was lost before the change was committed: nothing was saved; retry later";
            case NOT_CONNECTED -> safe ? "The database is unreachable; retry later"
                    : "The database is unreachable: nothing was saved; retry later";
            case NONE -> throw new IllegalStateException("no database failure");
        };
    }
}
