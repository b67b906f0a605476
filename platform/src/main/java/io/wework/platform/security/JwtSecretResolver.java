package io.wework.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the HS256 signing key. A configured secret must be at least 256 bits (32 bytes of
 * UTF-8) and not trivially weak; without one the service refuses to start, except in the embedded
 * default, where a random secret is generated once and kept in the data folder.
 */
public final class JwtSecretResolver {

    private static final Logger log = LoggerFactory.getLogger(JwtSecretResolver.class);
    static final int MIN_BYTES = 32;

    private JwtSecretResolver() {
    }

    public static byte[] resolve(String configured, boolean embeddedDefault, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            String weakness = weakness(configured, bytes);
            if (weakness != null) {
                throw new IllegalStateException("JWT secret (JWT_SECRET_KEY / wework.security.jwt.secret) is " + weakness
                        + "; use at least 32 random bytes, e.g. `openssl rand -base64 48`");
            }
            return bytes;
        }
        if (!embeddedDefault) {
            throw new IllegalStateException("JWT secret is missing: set JWT_SECRET_KEY (or wework.security.jwt.secret) "
                    + "to at least 32 random bytes, e.g. `openssl rand -base64 48`");
        }
        return generatedSecret(dataDir.resolve("jwt-secret"));
    }

    static String weakness(String secret, byte[] bytes) {
        if (bytes.length < MIN_BYTES) {
            return "too short (" + bytes.length * 8 + " bits, need at least 256)";
        }
        long distinct = secret.chars().distinct().count();
        if (distinct < 10) {
            return "too weak (only " + distinct + " distinct characters)";
        }
        String lower = secret.toLowerCase();
        for (String bad : new String[] {"change", "secret", "password", "example", "your-", "default"}) {
            if (lower.contains(bad)) {
                return "a placeholder (contains '" + bad + "')";
            }
        }
        return null;
    }

    private static synchronized byte[] generatedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.info("Embedded default: generated a JWT secret in {}", file);
            return secret.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the generated JWT secret " + file, e);
        }
    }
}
