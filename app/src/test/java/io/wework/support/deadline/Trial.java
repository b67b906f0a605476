package io.wework.support.deadline;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.wework.support.deadline.TrialMessages.CancelTrialExpiryCommand;
import io.wework.support.deadline.TrialMessages.StartTrialCommand;
import io.wework.support.deadline.TrialMessages.TrialExpiredEvent;
import io.wework.support.deadline.TrialMessages.TrialExpiry;
import io.wework.support.deadline.TrialMessages.TrialExpiryCancelledEvent;
import io.wework.support.deadline.TrialMessages.TrialStartedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * Test-only aggregate: a trial that expires through a deadline, the way a subscription will. It is not a
 * Spring component, so no application context has it unless it is given {@link TrialFeature}.
 * The expiry handler has no "already expired" guard on purpose: a deadline that ran twice would show
 * as two {@link TrialExpiredEvent}s.
 */
public class Trial {

    public static final String EXPIRY = "trial-expiry";

    @AggregateIdentifier
    private String trialId;
    private String expiryScheduleId;

    protected Trial() {
    }

    @CommandHandler
    public Trial(StartTrialCommand command, DeadlineManager deadlines) {
        String scheduleId = deadlines.schedule(command.expiresIn(), EXPIRY, new TrialExpiry(command.trialId()));
        apply(new TrialStartedEvent(command.trialId(), scheduleId));
    }

    @CommandHandler
    void handle(CancelTrialExpiryCommand command, DeadlineManager deadlines) {
        deadlines.cancelSchedule(EXPIRY, expiryScheduleId);
        apply(new TrialExpiryCancelledEvent(trialId));
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void expire(TrialExpiry expiry, TrialNode node) {
        node.expiriesRun().incrementAndGet();
        apply(new TrialExpiredEvent(expiry.trialId(), node.name()));
    }

    @EventSourcingHandler
    void on(TrialStartedEvent event) {
        trialId = event.trialId();
        expiryScheduleId = event.expiryScheduleId();
    }
}
