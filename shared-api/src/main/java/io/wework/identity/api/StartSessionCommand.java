package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a session after a proof of identity made outside the aggregate (a one-time SMS code). */
public record StartSessionCommand(@TargetAggregateIdentifier String userId, String method, String sessionId, String refreshTokenHash) {
}
