package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A session ended: {@code logout}, {@code refresh_token_reuse}, {@code password_changed}. When an access token is named, it is denied until it expires. */
@Revision("1")
public record SessionRevokedEvent(String userId, String sessionId, String reason, String accessTokenId, Instant accessTokenExpiresAt, Instant revokedAt) {
}
