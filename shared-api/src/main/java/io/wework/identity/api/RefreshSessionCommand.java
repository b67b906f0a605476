package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rotates a session's refresh token. A spent token revokes the whole session (answer: {@code null}). */
public record RefreshSessionCommand(@TargetAggregateIdentifier String userId, String sessionId, String presentedRefreshTokenHash, String newRefreshTokenHash) {
}
