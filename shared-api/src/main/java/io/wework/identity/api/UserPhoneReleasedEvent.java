package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The account gave up a phone number it held without proof. {@code reason}: {@code proved_by_another_account}
 * (the number's owner proved it with a one-time code and took it).
 */
@Revision("1")
@PublicEvent("user.phone_released")
public record UserPhoneReleasedEvent(String userId, String phoneNumber, String reason, Instant releasedAt) {
}
