package io.wework.identity.command;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Set-based validation for the {@code User} aggregate: which e-mail, phone number and username
 * belong to which user. Written in the same transaction as the events that claim them (see
 * {@link IdentityClaimsUpdater}); its primary key makes concurrent claims of one value race-safe.
 * <p>
 * A phone number is held by one account at most, proved or not ({@code proved}): unique either way, so a
 * sign-up or an admin cannot give a number that another account holds; but only a proved number is a
 * login ({@link #findLoginByPhone}). The owner's proof by OTP takes a number away from an account that
 * holds it unproved (see {@link Registration#accountForProvedPhone}).
 */
@Repository
public class IdentityClaims {

    /** EMAIL, PHONE, USERNAME: unique values; SUPER_ADMIN and DEACTIVATED: the value is the user id. */
    public enum Type { EMAIL, PHONE, USERNAME, SUPER_ADMIN, DEACTIVATED }

    /** Who holds a phone number, and whether they proved it with a one-time code. */
    public record PhoneHolder(String userId, boolean proved) {
    }

    private final JdbcTemplate jdbc;

    public IdentityClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an account holds {@code value} (a phone number proved or not). */
    public boolean isTaken(Type type, String value) {
        return holder(type, value).isPresent();
    }

    public Optional<PhoneHolder> findPhoneHolder(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT user_id, proved FROM identity_claims WHERE claim_type = 'PHONE' AND claim_value = ?",
                (rs, n) -> new PhoneHolder(rs.getString(1), rs.getBoolean(2)), phone).stream().findFirst();
    }

    /** The account a phone number logs into: the one that proved it; none while it is unproved. */
    public Optional<String> findLoginByPhone(String phone) {
        return findPhoneHolder(phone).filter(PhoneHolder::proved).map(PhoneHolder::userId);
    }

    /**
     * Who holds {@code value}. Not for phone numbers, where holding is not owning: see {@link #findPhoneHolder}
     * and {@link #findLoginByPhone}.
     */
    public Optional<String> findUserId(Type type, String value) {
        if (type == Type.PHONE) {
            throw new IllegalArgumentException("A phone's holder may not have proved it: use findPhoneHolder or findLoginByPhone");
        }
        return holder(type, value);
    }

    private Optional<String> holder(Type type, String value) {
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
        return holder(type, value).map(userId::equals).orElse(false);
    }

    /**
     * Claims {@code phone} for {@code userId}, proved or not; false when another account holds it (proved or
     * not). Waits for a concurrent uncommitted claim of the same number and loses if that one commits.
     */
    public boolean claimPhone(String phone, String userId, boolean proved) {
        int inserted = jdbc.update(
                "INSERT INTO identity_claims (claim_type, claim_value, user_id, claimed_at, proved) "
                        + "VALUES ('PHONE', ?, ?, now(), ?) ON CONFLICT (claim_type, claim_value) DO NOTHING",
                phone, userId, proved);
        if (inserted == 1) {
            return true;
        }
        return proved ? markProved(phone, userId) : holder(Type.PHONE, phone).map(userId::equals).orElse(false);
    }

    /** Marks the phone {@code userId} holds as proved; false when {@code userId} does not hold it. */
    public boolean markProved(String phone, String userId) {
        return jdbc.update("UPDATE identity_claims SET proved = true WHERE claim_type = 'PHONE' AND claim_value = ? "
                + "AND user_id = ?", phone, userId) == 1;
    }

    public void release(Type type, String value, String userId) {
        jdbc.update("DELETE FROM identity_claims WHERE claim_type = ? AND claim_value = ? AND user_id = ?",
                type.name(), value, userId);
    }
}
