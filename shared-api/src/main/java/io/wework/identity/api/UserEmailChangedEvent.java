package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The e-mail address changed (lower-cased, unique). */
@Revision("1")
public record UserEmailChangedEvent(String userId, String email, String previousEmail, Instant changedAt) {
}
