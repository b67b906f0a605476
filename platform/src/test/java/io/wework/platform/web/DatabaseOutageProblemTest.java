package io.wework.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;

/** A lost PostgreSQL connection, however Axon and Spring wrap it, is a 503 database_unavailable with Retry-After. */
class DatabaseOutageProblemTest {

    private final ProblemHandler handler = new ProblemHandler();
    private final MockHttpServletRequest post = new MockHttpServletRequest("POST", "/api/auth/register");

    @Test
    void anEventStoreExceptionOverAPoolTimeoutIsA503SayingNothingWasSaved() {
        // what Axon's JDBC engine throws: the message speaks of a duplicate, the cause is the pool's timeout
        Exception failure = new CommandExecutionException("failed", new EventStoreException(
                "An event for aggregate [u1] at sequence [0] was already inserted",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms.")));
        ProblemDetail problem = assert503(handler.handleAny(failure, post));
        assertThat(problem.getDetail()).contains("nothing was saved").doesNotContain("already inserted");
    }

    @Test
    void aConcurrencyExceptionOverABrokenConnectionIsA503NotA409() {
        Exception failure = new ConcurrencyException("Cannot reuse aggregate identifier [u1]",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE));
        ProblemDetail problem = assert503(handler.handleAny(failure, post));
        assertThat(problem.getDetail()).contains("lost before the change was committed");
    }

    @Test
    void springsCannotGetJdbcConnectionIsA503() {
        assert503(handler.handleAny(new CannotGetJdbcConnectionException("no connection"),
                new MockHttpServletRequest("GET", "/api/auth/me")));
    }

    @Test
    void aConnectionLostDuringCommitSaysTheOutcomeIsUnknown() {
        PSQLException broken = new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE);
        // as thrown from inside the driver's commit
        broken.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.postgresql.jdbc.PgConnection", "commit", "PgConnection.java", 1),
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection", "commit", "ProxyConnection.java", 1)});
        Exception failure = new org.springframework.transaction.TransactionSystemException("Could not commit", broken);
        ProblemDetail problem = assert503(handler.handleAny(failure, post));
        assertThat(problem.getDetail()).contains("may or may not have been saved").contains("Idempotency-Key");
    }

    @Test
    void aRollbackOnAConnectionThePoolClosedIsA503() {
        // Spring throws the rollback's failure in place of the read's: Hikari's "Connection is closed", no SQLState
        java.sql.SQLException closed = new java.sql.SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0", "ProxyConnection.java", 562)});
        Exception failure = new org.springframework.orm.jpa.JpaSystemException(
                new RuntimeException("Unable to rollback against JDBC Connection", closed));
        assert503(handler.handleAny(failure, new MockHttpServletRequest("GET", "/api/auth/me")));
        assertThat(handler.handleAny(new org.springframework.orm.jpa.JpaSystemException(
                new RuntimeException("x", new java.sql.SQLException("Connection is closed"))), post).getStatusCode().value())
                .as("the same message thrown elsewhere is not taken for Hikari's").isEqualTo(500);
    }

    @Test
    void anotherSqlFailureIsNotMistakenForAnOutage() {
        Exception failure = new EventStoreException("boom", new PSQLException("syntax", PSQLState.SYNTAX_ERROR));
        assertThat(handler.handleAny(failure, post).getStatusCode().value()).isEqualTo(500);
    }

    private static ProblemDetail assert503(ResponseEntity<Object> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getProperties()).containsEntry("code", "database_unavailable");
        return problem;
    }
}
