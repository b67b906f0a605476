package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The username was chosen (once, for good). */
@Revision("1")
@PublicEvent("username.set")
public record UsernameSetEvent(String userId, String username, Instant setAt) {
}
