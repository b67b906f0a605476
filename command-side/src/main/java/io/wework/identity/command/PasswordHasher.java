package io.wework.identity.command;

import io.wework.common.api.DomainException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes a new password (BCrypt). BCrypt reads at most 72 bytes, so a longer password (in UTF-8)
 * is refused rather than silently cut.
 */
@Component
public class PasswordHasher {

    static final int MAX_BYTES = 72;

    private final PasswordEncoder encoder;

    public PasswordHasher(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    public String hash(String password) {
        requireHashable(password);
        return encoder.encode(password);
    }

    /** Refuses (400) a password BCrypt would cut, without the cost of hashing it. */
    public void requireHashable(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new DomainException(DomainException.Kind.VALIDATION, "validation_failed",
                    "password: must be at most 72 bytes long");
        }
    }
}
