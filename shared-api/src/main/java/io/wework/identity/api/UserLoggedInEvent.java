package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A user proved their identity; {@code authMethod} is {@code password} or {@code otp}, and
 * {@code sessionId} the session the login opened ({@code null} for logins stored at revision 1,
 * see {@code UserLoggedInEventV1Upcaster}).
 */
@Revision("2")
@PublicEvent("user.logged_in")
public record UserLoggedInEvent(String userId, String authMethod, String sessionId, Instant loggedInAt) {
}
