package io.wework.identity.api;

/** Result of a successful {@link AuthenticateUserCommand}. */
public record AuthenticatedUser(String userId, Role role) {
}
