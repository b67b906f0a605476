package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Too many failed logins: password login is refused until {@code until}. */
@Revision("1")
@PublicEvent("user.locked_out")
public record UserLockedOutEvent(String userId, Instant until, int failedAttempts, Instant lockedAt) {
}
