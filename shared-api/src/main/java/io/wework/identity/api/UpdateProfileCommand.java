package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner's profile change ({@code PATCH /api/auth/me}); {@code null} = unchanged. */
public record UpdateProfileCommand(@TargetAggregateIdentifier String userId, String fullName, String username, String bio, String avatar) {
}
