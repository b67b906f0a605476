package io.wework.identity.projection;

import io.wework.identity.api.Role;
import io.wework.platform.security.RoleAuthorities;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The identity feature's {@link RoleAuthorities}: a token's {@code role} claim is a {@link Role}'s wire
 * name; each role grants {@code ROLE_<NAME>}, and admins and super_admins also the operators'
 * endpoints. Beside {@link AuthStateGuard}, the identity's other half of checking a token.
 */
@Component
public class IdentityRoleAuthorities implements RoleAuthorities {

    @Override
    public Optional<Set<String>> of(String role) {
        return Role.fromWireName(role).map(IdentityRoleAuthorities::authorities);
    }

    static Set<String> authorities(Role role) {
        return role.isAdmin() ? Set.of("ROLE_" + role.name(), ADMIN_ENDPOINTS) : Set.of("ROLE_" + role.name());
    }
}
