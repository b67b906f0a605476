package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A session ended: {@code logout}, {@code refresh_token_reuse}, {@code password_changed}. When an access token is named, it is
 * denied until it expires. The token's id (its {@code jti}, the deny-list key) and expiry are kept out of the audit trail,
 * the feed and the history, as they always were.
 */
@Revision("1")
@PublicEvent("session.revoked")
public record SessionRevokedEvent(String userId, String sessionId, String reason, @Sensitive String accessTokenId, @Sensitive Instant accessTokenExpiresAt, Instant revokedAt) {
}
