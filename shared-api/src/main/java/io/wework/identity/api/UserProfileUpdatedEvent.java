package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Profile fields changed; a {@code null} field is unchanged. */
@Revision("1")
public record UserProfileUpdatedEvent(String userId, String fullName, String bio, String avatar, Instant updatedAt) {
}
