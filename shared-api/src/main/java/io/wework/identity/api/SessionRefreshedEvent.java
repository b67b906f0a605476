package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A session's refresh token was used and rotated; the previous hash is now spent. */
@Revision("1")
public record SessionRefreshedEvent(String userId, String sessionId, String previousRefreshTokenHash, String refreshTokenHash, Instant expiresAt, Instant refreshedAt) {
}
