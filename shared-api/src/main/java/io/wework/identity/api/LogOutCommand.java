package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a session: its refresh token and every access token of it are refused from then on. */
public record LogOutCommand(@TargetAggregateIdentifier String userId, String sessionId, String accessTokenId, java.time.Instant accessTokenExpiresAt) {
}
