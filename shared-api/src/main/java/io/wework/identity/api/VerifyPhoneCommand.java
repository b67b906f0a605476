package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The account's holder proved its phone number with a one-time code (checked before the command is sent). */
public record VerifyPhoneCommand(@TargetAggregateIdentifier String userId, String phoneNumber) {
}
