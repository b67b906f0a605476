package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The account was deactivated: every request with its tokens is refused from now on. */
@Revision("1")
@PublicEvent("user.deactivated")
public record UserDeactivatedEvent(String userId, Instant deactivatedAt) {
}
