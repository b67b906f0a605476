package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The password changed; access tokens issued before {@code changedAt} are no longer accepted. */
@Revision("1")
@PublicEvent("password.changed")
public record PasswordChangedEvent(String userId, @Sensitive String passwordHash, Instant changedAt) {

    @Override
    public String toString() {
        return "PasswordChangedEvent[userId=" + userId + ", changedAt=" + changedAt + "]";
    }
}
