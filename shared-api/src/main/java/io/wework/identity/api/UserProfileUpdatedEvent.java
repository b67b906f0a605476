package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Profile fields changed; a {@code null} field is unchanged. */
@Revision("1")
@PublicEvent("user.profile_updated")
public record UserProfileUpdatedEvent(String userId, String fullName, String bio, String avatar, Instant updatedAt) {
}
