package io.wework.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * The roles an access token may carry, by their wire name (claim {@code role}), and the Spring
 * Security authorities each one grants. The platform knows no role: the feature that owns the roles
 * (identity) provides the one bean. A token naming a role this does not know is refused.
 */
@FunctionalInterface
public interface RoleAuthorities {

    /**
     * The authority that opens the operators' endpoints ({@code /api/admin/**}, {@code /api/events/**},
     * {@code /actuator/**}); grant it to the roles that may use them.
     */
    String ADMIN_ENDPOINTS = "ADMIN_ENDPOINTS";

    /** The authorities of {@code role}; empty when there is no such role (or it is {@code null}). */
    Optional<Set<String>> of(String role);
}
