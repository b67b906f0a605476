package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A session ended: {@code logout}, {@code refresh_token_reuse}, {@code password_changed}. Its refresh tokens and every access
 * token carrying its id ({@code sid}) are refused from now on. The access token a logout presented is named (its {@code jti}
 * and expiry, for the record; the session, not the token, is what ends); they are kept out of the audit trail, the feed and
 * the history, as they always were.
 */
@Revision("1")
@PublicEvent("session.revoked")
public record SessionRevokedEvent(String userId, String sessionId, String reason, @Sensitive String accessTokenId, @Sensitive Instant accessTokenExpiresAt, Instant revokedAt) {
}
