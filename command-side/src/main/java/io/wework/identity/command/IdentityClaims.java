package io.wework.identity.command;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Set-based validation for the {@code User} aggregate: which e-mail, phone number and username
 * belong to which user. Written in the same transaction as the events that claim them (see
 * {@link IdentityClaimsUpdater}); its primary key makes concurrent claims of one value race-safe.
 */
@Repository
public class IdentityClaims {

    /** EMAIL, PHONE, USERNAME: unique values; SUPER_ADMIN and DEACTIVATED: the value is the user id. */
    public enum Type { EMAIL, PHONE, USERNAME, SUPER_ADMIN, DEACTIVATED }

    private final JdbcTemplate jdbc;

    public IdentityClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isTaken(Type type, String value) {
        return findUserId(type, value).isPresent();
    }

    public Optional<String> findUserId(Type type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<String> ids = jdbc.queryForList(
                "SELECT user_id FROM identity_claims WHERE claim_type = ? AND claim_value = ?",
                String.class, type.name(), value);
        return ids.stream().findFirst();
    }

    /**
     * Claims {@code value} for {@code userId}; false when another user holds it. Waits for a
     * concurrent uncommitted claim of the same value and loses if that one commits.
     */
    public boolean claim(Type type, String value, String userId) {
        int inserted = jdbc.update(
                "INSERT INTO identity_claims (claim_type, claim_value, user_id, claimed_at) VALUES (?, ?, ?, now()) "
                        + "ON CONFLICT (claim_type, claim_value) DO NOTHING",
                type.name(), value, userId);
        if (inserted == 1) {
            return true;
        }
        return findUserId(type, value).map(userId::equals).orElse(false);
    }

    public void release(Type type, String value, String userId) {
        jdbc.update("DELETE FROM identity_claims WHERE claim_type = ? AND claim_value = ? AND user_id = ?",
                type.name(), value, userId);
    }
}
