package io.wework.platform.processing;

import io.wework.platform.web.ControlCharacters;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.core.NestedExceptionUtils;

/**
 * Every failed event is dead-lettered (Axon's default decision), with a cause the dead-letter row can
 * hold: the type of the exception thrown, and the message of its most specific cause (for a SQL
 * failure, the database's own words rather than the statement) without the characters PostgreSQL or
 * a reader cannot take (a refused value may be quoted in it), cut to the column's 1,023 characters.
 */
final class DeadLetterCausePolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        return Decisions.enqueue(cause == null ? null : causeOf(cause));
    }

    static ThrowableCause causeOf(Throwable thrown) {
        Throwable specific = NestedExceptionUtils.getMostSpecificCause(thrown);
        String message = specific.getMessage() == null ? specific.getClass().getName() : specific.getMessage();
        String clean = ControlCharacters.replaceRefused(message);
        if (clean.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
            int end = ThrowableCause.TRUNCATED_MESSAGE_SIZE;
            clean = clean.substring(0, Character.isHighSurrogate(clean.charAt(end - 1)) ? end - 1 : end);
        }
        return new ThrowableCause(thrown.getClass().getName(), clean);
    }
}
