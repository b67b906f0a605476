package io.wework.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class DeadLetterCausePolicyTest {

    @Test
    void theCauseNamesTheThrownTypeAndTheDatabasesOwnWordsWithoutControlCharacters() {
        var thrown = new DataIntegrityViolationException("PreparedStatementCallback; SQL [INSERT … 'a\u0000b'] …",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in 'a\u0000b'"));
        var decision = new DeadLetterCausePolicy().decide(
                new GenericDeadLetter<>("seq", GenericEventMessage.asEventMessage("payload")), thrown);
        assertThat(decision.shouldEnqueue()).isTrue();
        var cause = decision.enqueueCause().orElseThrow();
        assertThat(cause).isInstanceOf(ThrowableCause.class);
        ThrowableCause recorded = (ThrowableCause) cause;
        assertThat(recorded.type()).isEqualTo(DataIntegrityViolationException.class.getName());
        assertThat(recorded.message()).isEqualTo("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in 'a\uFFFDb'");
    }

    @Test
    void aLongMessageIsCutToTheColumnWithoutSplittingACharacter() {
        String message = "x".repeat(ThrowableCause.TRUNCATED_MESSAGE_SIZE - 1) + "\uD83D\uDE00tail";
        ThrowableCause recorded = DeadLetterCausePolicy.causeOf(new IllegalStateException(message));
        assertThat(recorded.message()).hasSize(ThrowableCause.TRUNCATED_MESSAGE_SIZE - 1).doesNotContain("\uD83D");
        assertThat(DeadLetterCausePolicy.causeOf(new IllegalStateException((String) null)).message())
                .isEqualTo(IllegalStateException.class.getName());
    }
}
