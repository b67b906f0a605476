package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The phone number changed (unique). */
@Revision("1")
public record UserPhoneChangedEvent(String userId, String phoneNumber, String previousPhoneNumber, Instant changedAt) {
}
