package io.wework.platform.security;

import io.wework.identity.api.Role;

import java.time.Instant;

/** The principal of an authenticated request, taken from a verified access token. */
public record AuthenticatedUser(String userId, Role role, String tokenId, String sessionId, Instant issuedAt,
                                Instant expiresAt) {
}
