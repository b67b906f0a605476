package io.wework.support.deadline;

import io.wework.common.api.PublicEvent;
import java.time.Duration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** Commands, events and the deadline payload of the test-only {@link Trial}. */
public final class TrialMessages {

    private TrialMessages() {
    }

    /** Starts a trial that expires, through a deadline, after {@code expiresIn}. */
    public record StartTrialCommand(@TargetAggregateIdentifier String trialId, Duration expiresIn) {
    }

    /** Cancels the trial's expiry deadline by its schedule id ({@code DeadlineManager.cancelSchedule}). */
    public record CancelTrialExpiryCommand(@TargetAggregateIdentifier String trialId) {
    }

    @PublicEvent("trial.started")
    @Revision("1")
    public record TrialStartedEvent(String trialId, String expiryScheduleId) {
    }

    @PublicEvent("trial.expiry_cancelled")
    @Revision("1")
    public record TrialExpiryCancelledEvent(String trialId) {
    }

    /** Applied by the expiry deadline; {@code firedOn} names the node that ran it. */
    @PublicEvent("trial.expired")
    @Revision("1")
    public record TrialExpiredEvent(String trialId, String firedOn) {
    }

    /** Published through Axon's {@code EventScheduler}, not by the aggregate. */
    @PublicEvent("trial.reminded")
    @Revision("1")
    public record TrialReminderEvent(String trialId) {
    }

    /** The expiry deadline's payload: stored in {@code scheduled_tasks}, read back when it fires. */
    public record TrialExpiry(String trialId) {
    }
}
