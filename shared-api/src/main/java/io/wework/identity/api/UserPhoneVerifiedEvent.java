package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The account's phone number was proved by a one-time code sent to it: from now on it logs into this
 * account (by code or password). Until then a phone set at sign-up or by an admin is no login.
 */
@Revision("1")
@PublicEvent("user.phone_verified")
public record UserPhoneVerifiedEvent(String userId, String phoneNumber, Instant verifiedAt) {
}
