package io.wework.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the HS256 signing key. A configured secret must be 256 bits from a real source of
 * randomness, written as a key encoding: hex, or base64 (standard or URL-safe, padded or not), that
 * decodes to at least 32 bytes which do not look made by hand (all one byte, a short pattern
 * repeated, a counting sequence). A plain-text secret is refused however long it is: its strength
 * cannot be told from its length, and {@code openssl rand -base64 32} makes a good one in a second.
 * Without a secret the service refuses to start, except in the embedded default, where a random
 * secret is generated once and kept in the data folder (checked like a configured one when read).
 *
 * <p>The key given to HMAC is the secret's text as UTF-8, as before this check existed (and as the
 * original service used it), so tokens and the encryption key derived from the secret
 * ({@code SecurityConfig#secretBox}) stay the same for every secret that passes; the text carries the
 * decoded bytes' 256 bits.
 */
public final class JwtSecretResolver {

    private static final Logger log = LoggerFactory.getLogger(JwtSecretResolver.class);
    static final int MIN_BYTES = 32;
    /** Fewer distinct byte values (or steps between neighbours) than this in a key is no random key. */
    static final int MIN_DISTINCT = 16;
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern BASE64_URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final String HOW = "use 256 bits from a random source, base64 or hex encoded, "
            + "e.g. `openssl rand -base64 32` (or `openssl rand -hex 32`)";

    private JwtSecretResolver() {
    }

    public static byte[] resolve(String configured, boolean embeddedDefault, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            String secret = configured.trim();
            String weakness = weakness(secret);
            if (weakness != null) {
                throw new IllegalStateException("JWT secret (JWT_SECRET_KEY / wework.security.jwt.secret) is " + weakness
                        + "; " + HOW + ". See README, \"Configuration\", for changing it on a running deployment");
            }
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        if (!embeddedDefault) {
            throw new IllegalStateException("JWT secret is missing: set JWT_SECRET_KEY (or wework.security.jwt.secret); " + HOW);
        }
        return generatedSecret(dataDir.resolve("jwt-secret"));
    }

    /** Why {@code secret} (trimmed) is not an acceptable key, or {@code null} when it is. */
    static String weakness(String secret) {
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String bad : new String[] {"change", "secret", "password", "example", "your-", "default"}) {
            if (lower.contains(bad)) {
                return "a placeholder (contains '" + bad + "')";
            }
        }
        byte[] key = decode(secret);
        if (key == null) {
            return "not a base64 or hex encoded key (a plain-text secret is refused, however long)";
        }
        if (key.length < MIN_BYTES) {
            return "too short (" + key.length * 8 + " bits once decoded, need at least 256)";
        }
        long distinct = IntStream.range(0, key.length).map(i -> key[i] & 0xff).distinct().count();
        long steps = IntStream.range(1, key.length).map(i -> (key[i] - key[i - 1]) & 0xff).distinct().count();
        if (distinct < MIN_DISTINCT || steps < MIN_DISTINCT) {
            return "too regular to be random (" + Math.min(distinct, steps) + " distinct byte values or steps in "
                    + key.length + " bytes)";
        }
        return null;
    }

    /** The bytes {@code text} encodes as hex, base64 or base64url, or {@code null} when it is none of them. */
    static byte[] decode(String text) {
        try {
            if (HEX.matcher(text).matches()) {
                return HexFormat.of().parseHex(text);
            }
            if (BASE64.matcher(text).matches()) {
                return Base64.getDecoder().decode(text);
            }
            if (BASE64_URL.matcher(text).matches()) {
                return Base64.getUrlDecoder().decode(text);
            }
        } catch (IllegalArgumentException e) {
            return null; // right alphabet, impossible length (4n + 1) or misplaced padding
        }
        return null;
    }

    private static synchronized byte[] generatedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                String secret = Files.readString(file).trim();
                String weakness = weakness(secret);
                if (weakness != null) {
                    throw new IllegalStateException("The JWT secret kept in " + file + " is " + weakness
                            + "; delete the file to have a new one generated (signs everyone out)");
                }
                return secret.getBytes(StandardCharsets.UTF_8);
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
