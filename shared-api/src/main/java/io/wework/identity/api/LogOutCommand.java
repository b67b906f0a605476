package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a session and denies its access token until it expires. */
public record LogOutCommand(@TargetAggregateIdentifier String userId, String sessionId, String accessTokenId, java.time.Instant accessTokenExpiresAt) {
}
