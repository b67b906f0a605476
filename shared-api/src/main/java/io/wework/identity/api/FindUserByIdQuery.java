package io.wework.identity.api;

/** The full {@link UserView} of one user (the owner's or an admin's view). */
public record FindUserByIdQuery(String userId) {
}
