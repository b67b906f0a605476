package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An admin changed the user's role. */
@Revision("1")
public record UserRoleChangedEvent(String userId, Role role, Role previousRole, Instant changedAt) {
}
