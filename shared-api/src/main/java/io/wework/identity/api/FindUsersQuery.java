package io.wework.identity.api;

/** Admin listing: {@code search} matches e-mail, phone or name; newest first. */
public record FindUsersQuery(String search, Boolean active, Role role, int skip, int limit) {
}
