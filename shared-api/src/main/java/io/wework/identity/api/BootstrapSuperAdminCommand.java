package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates the first super_admin from configuration (idempotent: a fixed id per e-mail). */
public record BootstrapSuperAdminCommand(@TargetAggregateIdentifier String userId, String email, String passwordHash) {
}
