package io.wework.identity.api;

/** Result of a successful login, session start, refresh or password change: who, with which role, in which session. */
public record AuthenticatedUser(String userId, Role role, String sessionId) {
}
