package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes {@code phoneNumber} off the account when the account holds it without proof (its owner proved it
 * elsewhere); does nothing when the account no longer holds it, or holds it proved. Answers whether the
 * account holds it proved.
 */
public record ReleaseUnprovedPhoneCommand(@TargetAggregateIdentifier String userId, String phoneNumber, String reason) {
}
