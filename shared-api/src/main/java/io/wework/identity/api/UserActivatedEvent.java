package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The account was re-activated. */
@Revision("1")
@PublicEvent("user.activated")
public record UserActivatedEvent(String userId, Instant activatedAt) {
}
