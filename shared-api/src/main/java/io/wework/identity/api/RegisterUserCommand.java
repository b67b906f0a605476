package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a user. The password arrives already hashed: commands never carry clear passwords over the bus.
 * {@code phoneVerified} only when the phone was just proved by a one-time code (an OTP login).
 */
public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String email,
        String phoneNumber,
        boolean phoneVerified,
        String fullName,
        String passwordHash) {

    @Override
    public String toString() {
        return "RegisterUserCommand[userId=" + userId + "]";
    }
}
