package io.wework.identity.command;

import io.wework.identity.api.IdentityErrors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set-based rule across {@code User} aggregates: there is always an active super_admin. Runs in
 * the command's transaction and takes a transaction-scoped advisory lock first, so two concurrent
 * demotions of the last two super_admins cannot both pass.
 */
@Component
public class SuperAdminGuard {

    private static final long LOCK_KEY = 0x5745574F524BL; // "WEWORK"

    private final JdbcTemplate jdbc;

    public SuperAdminGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void ensureAnotherActiveSuperAdmin(String userId) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, LOCK_KEY);
        Long others = jdbc.queryForObject(
                "SELECT count(*) FROM identity_claims s WHERE s.claim_type = 'SUPER_ADMIN' AND s.user_id <> ? "
                        + "AND NOT EXISTS (SELECT 1 FROM identity_claims d WHERE d.claim_type = 'DEACTIVATED' "
                        + "AND d.claim_value = s.user_id)", Long.class, userId);
        if (others == null || others == 0) {
            throw IdentityErrors.lastSuperAdmin();
        }
    }
}
