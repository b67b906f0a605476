package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A session's refresh token was used and rotated; the previous hash is now spent. */
@Revision("1")
@PublicEvent("session.refreshed")
public record SessionRefreshedEvent(String userId, String sessionId, @Sensitive String previousRefreshTokenHash, @Sensitive String refreshTokenHash, Instant expiresAt, Instant refreshedAt) {
}
