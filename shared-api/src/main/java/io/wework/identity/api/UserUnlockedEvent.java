package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A lockout ended ({@code reason}: {@code expired}). */
@Revision("1")
public record UserUnlockedEvent(String userId, String reason, Instant unlockedAt) {
}
