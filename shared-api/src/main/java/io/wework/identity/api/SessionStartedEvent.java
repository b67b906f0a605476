package io.wework.identity.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A login opened a session (a refresh-token family). Only the SHA-256 of the refresh token is kept. */
@Revision("1")
public record SessionStartedEvent(String userId, String sessionId, String refreshTokenHash, Instant expiresAt, Instant startedAt) {
}
