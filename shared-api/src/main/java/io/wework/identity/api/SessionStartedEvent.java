package io.wework.identity.api;

import io.wework.common.api.PublicEvent;
import io.wework.common.api.Sensitive;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A login opened a session (a refresh-token family). Only the SHA-256 of the refresh token is kept. */
@Revision("1")
@PublicEvent("session.started")
public record SessionStartedEvent(String userId, String sessionId, @Sensitive String refreshTokenHash, Instant expiresAt, Instant startedAt) {
}
