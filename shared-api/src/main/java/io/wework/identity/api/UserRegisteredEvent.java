package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user account was created. {@code passwordHash} is a BCrypt hash, never a clear password. */
@Revision("1")
@PublicEvent("user.registered")
public record UserRegisteredEvent(
        String userId,
        String email,
        String phoneNumber,
        String fullName,
        @Sensitive String passwordHash,
        Role role,
        Instant registeredAt) {

    @Override
    public String toString() {
        return "UserRegisteredEvent[userId=" + userId + ", role=" + role + ", registeredAt=" + registeredAt + "]";
    }
}
