package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user proved their identity; {@code method} is {@code password} or {@code otp}. */
@Revision("1")
public record UserLoggedInEvent(String userId, String method, Instant loggedInAt) {
}
