package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The password changed; access tokens issued before {@code changedAt} are no longer accepted. */
@Revision("1")
public record PasswordChangedEvent(String userId, String passwordHash, Instant changedAt) {

    @Override
    public String toString() {
        return "PasswordChangedEvent[userId=" + userId + ", changedAt=" + changedAt + "]";
    }
}
