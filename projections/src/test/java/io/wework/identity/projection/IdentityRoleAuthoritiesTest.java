package io.wework.identity.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.platform.security.RoleAuthorities;
import org.junit.jupiter.api.Test;

class IdentityRoleAuthoritiesTest {

    private final IdentityRoleAuthorities roles = new IdentityRoleAuthorities();

    @Test
    void onlyAdminsAndSuperAdminsOpenTheAdminEndpoints() {
        assertThat(roles.of("user")).contains(java.util.Set.of("ROLE_USER"));
        assertThat(roles.of("admin")).contains(java.util.Set.of("ROLE_ADMIN", RoleAuthorities.ADMIN_ENDPOINTS));
        assertThat(roles.of("super_admin")).contains(java.util.Set.of("ROLE_SUPER_ADMIN", RoleAuthorities.ADMIN_ENDPOINTS));
    }

    @Test
    void aNameThatIsNoRoleWireNameIsUnknown() {
        assertThat(roles.of("SUPER_ADMIN")).isEmpty();
        assertThat(roles.of("owner")).isEmpty();
        assertThat(roles.of(null)).isEmpty();
    }
}
