package io.wework.platform.security;

import io.wework.identity.api.Role;

/** The principal of an authenticated request, taken from a verified access token. */
public record AuthenticatedUser(String userId, Role role, String tokenId) {
}
