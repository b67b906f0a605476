package io.wework.platform.processing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.Savepoint;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class SavepointTransactionManagerTest {

    private final DataSource dataSource = mock(DataSource.class);
    private final Connection connection = mock(Connection.class);
    private final Savepoint savepoint = mock(Savepoint.class);

    private void inTransaction(Runnable work) throws Exception {
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.getAutoCommit()).thenReturn(true);
        when(connection.setSavepoint()).thenReturn(savepoint);
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> work.run());
    }

    @Test
    void aRollbackGoesBackToTheSavepointOnTheTransactionsOwnConnectionOnce() throws Exception {
        SavepointTransactionManager savepoints = new SavepointTransactionManager(dataSource);
        inTransaction(() -> {
            Transaction nested = savepoints.startTransaction();
            nested.rollback();
            nested.rollback(); // the parent's rollback reaches a committed or rolled-back nested unit of work again
            nested.commit();
        });
        verify(dataSource, times(1)).getConnection();
        verify(connection).rollback(savepoint);
        verify(connection, never()).releaseSavepoint(any());
    }

    @Test
    void aCommitReleasesTheSavepointAndALaterRollbackDoesNothing() throws Exception {
        SavepointTransactionManager savepoints = new SavepointTransactionManager(dataSource);
        inTransaction(() -> {
            Transaction nested = savepoints.startTransaction();
            nested.commit();
            nested.rollback();
        });
        verify(connection).releaseSavepoint(savepoint);
        verify(connection, never()).rollback(any(Savepoint.class));
    }

    @Test
    void withoutATransactionThereIsNothingToNestIn() {
        Transaction nested = new SavepointTransactionManager(dataSource).startTransaction();
        nested.rollback();
        nested.commit();
        verifyNoInteractions(dataSource);
    }
}
