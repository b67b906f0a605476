package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Locks password login after too many failures. */
public record LockOutUserCommand(@TargetAggregateIdentifier String userId, java.time.Instant until, int failedAttempts) {
}
