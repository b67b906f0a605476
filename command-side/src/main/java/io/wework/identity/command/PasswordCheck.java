package io.wework.identity.command;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a password on the node that received it, so the password never goes into a message: the
 * account's hash is read locally ({@link StoredCredentials}), BCrypt runs here, and the command that
 * follows carries only the digest of the hash that matched ({@link User#digestOf}), which the
 * aggregate compares with its current hash.
 * <p>
 * Every check costs one read of the store and exactly one BCrypt verification, whatever the account:
 * an unknown name reads an id no account has, and an unknown account, or one without a password
 * (phone-only), is checked against a dummy hash made at start with the configured cost, so the time
 * of the answer tells nothing about which case it was.
 */
@Component
public class PasswordCheck {

    /**
     * What a check found.
     *
     * @param matches the password is the account's
     * @param checkedHashDigest when it matches: the digest of the hash it matched, for the command
     * @param lockedUntil the account's lock as this node read it ({@code null}: none)
     */
    public record Result(boolean matches, String checkedHashDigest, Instant lockedUntil) {

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    /** An id no account has (UUID v7 of the epoch), read for unknown names so that they cost a store read too. */
    static final String NO_SUCH_USER = "00000000-0000-7000-8000-000000000000";

    private final StoredCredentials credentials;
    private final PasswordEncoder encoder;
    /** A hash of a random string at the configured cost, checked when there is no hash to check. */
    private final String dummyHash;

    PasswordCheck(StoredCredentials credentials, PasswordEncoder encoder) {
        this.credentials = credentials;
        this.encoder = encoder;
        this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    }

    /** @param userId the account, or {@code null} when the login name matched none */
    public Result check(String userId, String password) {
        // an unknown name reads the store as a known one does (and finds nothing), then checks the dummy hash
        Optional<User.Credentials> stored = userId == null
                ? credentials.of(NO_SUCH_USER).filter(found -> false)
                : credentials.of(userId);
        String hash = stored.map(User.Credentials::passwordHash).orElse(null);
        boolean matches = encoder.matches(password, hash != null ? hash : dummyHash) && hash != null;
        return new Result(matches, matches ? User.digestOf(hash) : null,
                stored.map(User.Credentials::lockedUntil).orElse(null));
    }
}
