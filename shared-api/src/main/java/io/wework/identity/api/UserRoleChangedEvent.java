package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An admin changed the user's role. */
@Revision("1")
@PublicEvent("user.role_changed")
public record UserRoleChangedEvent(String userId, Role role, Role previousRole, Instant changedAt) {
}
