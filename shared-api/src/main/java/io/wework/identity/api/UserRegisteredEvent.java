package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A user account was created. {@code passwordHash} is a BCrypt hash, never a clear password.
 * {@code phoneVerified}: the phone number was proved by a one-time code sent to it (an account created
 * by an OTP login); an unproved number is no login (revision 2; revision 1 had no such field, see
 * {@code UserRegisteredEventV1Upcaster}).
 */
@Revision("2")
@PublicEvent("user.registered")
public record UserRegisteredEvent(
        String userId,
        String email,
        String phoneNumber,
        boolean phoneVerified,
        String fullName,
        @Sensitive String passwordHash,
        Role role,
        Instant registeredAt) {

    @Override
    public String toString() {
        return "UserRegisteredEvent[userId=" + userId + ", role=" + role + ", registeredAt=" + registeredAt + "]";
    }
}
