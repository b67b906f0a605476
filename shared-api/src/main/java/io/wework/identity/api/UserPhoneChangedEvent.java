package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The phone number changed (unique). */
@Revision("1")
@PublicEvent("user.phone_changed")
public record UserPhoneChangedEvent(String userId, String phoneNumber, String previousPhoneNumber, Instant changedAt) {
}
