package io.wework.platform.security;

import java.time.Instant;
import java.util.Set;

/**
 * The principal of an authenticated request, taken from a verified access token: the role as the
 * token names it (its wire name, e.g. {@code super_admin}) and the authorities {@link RoleAuthorities}
 * grants that role.
 */
public record AuthenticatedUser(String userId, String role, String tokenId, String sessionId, Instant issuedAt,
                                Instant expiresAt, Set<String> authorities) {

    public AuthenticatedUser {
        authorities = Set.copyOf(authorities);
    }
}
