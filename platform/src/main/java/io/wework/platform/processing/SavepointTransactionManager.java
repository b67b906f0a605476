package io.wework.platform.processing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A "transaction" nested in the current Spring transaction: a JDBC savepoint on its connection.
 * Rolling it back undoes only what ran since, and leaves the outer transaction usable even after
 * PostgreSQL refused a statement. (Spring's {@code JpaTransactionManager} offers no nested
 * transactions with Hibernate, and Axon's {@code SpringTransactionManager} commits and rolls back
 * only transactions it started, so neither can do this.) Read models written through JDBC roll back
 * with it; JPA entities changed inside would stay in Hibernate's session.
 */
final class SavepointTransactionManager implements TransactionManager {

    private static final Transaction NO_TRANSACTION = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private final DataSource dataSource;

    SavepointTransactionManager(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return NO_TRANSACTION; // nothing to nest in: each statement commits on its own anyway
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            return new Transaction() {
                private boolean done;

                @Override
                public void commit() {
                    if (!done) {
                        done = true;
                        call(() -> connection.releaseSavepoint(savepoint));
                    }
                }

                @Override
                public void rollback() {
                    if (!done) {
                        done = true;
                        call(() -> connection.rollback(savepoint));
                    }
                }
            };
        } catch (SQLException e) {
            throw new TransactionSystemException("Could not set a savepoint", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private interface SqlCall {
        void run() throws SQLException;
    }

    private static void call(SqlCall call) {
        try {
            call.run();
        } catch (SQLException e) {
            throw new TransactionSystemException("Savepoint operation failed", e);
        }
    }
}
