package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The username was chosen (once, for good). */
@Revision("1")
public record UsernameSetEvent(String userId, String username, Instant setAt) {
}
