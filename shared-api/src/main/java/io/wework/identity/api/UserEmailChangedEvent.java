package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The e-mail address changed (lower-cased, unique). */
@Revision("1")
@PublicEvent("user.email_changed")
public record UserEmailChangedEvent(String userId, String email, String previousEmail, Instant changedAt) {
}
