package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A lockout ended ({@code reason}: {@code expired}). */
@Revision("1")
@PublicEvent("user.unlocked")
public record UserUnlockedEvent(String userId, String reason, Instant unlockedAt) {
}
