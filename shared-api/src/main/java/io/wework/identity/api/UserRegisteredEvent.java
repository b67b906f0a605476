package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user account was created. {@code passwordHash} is a BCrypt hash, never a clear password. */
@Revision("1")
public record UserRegisteredEvent(
        String userId,
        String email,
        String phoneNumber,
        String fullName,
        String passwordHash,
        Role role,
        Instant registeredAt) {

    @Override
    public String toString() {
        return "UserRegisteredEvent[userId=" + userId + ", role=" + role + ", registeredAt=" + registeredAt + "]";
    }
}
