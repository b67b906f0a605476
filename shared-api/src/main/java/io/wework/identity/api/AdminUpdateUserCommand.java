package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin's change ({@code PATCH /api/admin/users/{id}}); {@code null} = unchanged. {@code actorRole} is the caller's role. */
public record AdminUpdateUserCommand(@TargetAggregateIdentifier String userId, Role actorRole, Role role, Boolean active, String fullName, String phoneNumber, String email) {
}
