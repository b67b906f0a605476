package io.wework.identity.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opaque refresh tokens: {@code rt1.<userId>.<sessionId>.<256 random bits>}. The client treats them
 * as opaque; the service reads which aggregate and session they belong to, and stores only their
 * SHA-256 (a 256-bit random secret needs no slow hash).
 */
final class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("^rt1\\.([0-9a-f-]{36})\\.([0-9a-f-]{36})\\.([A-Za-z0-9_-]{43})$");

    record Parsed(String userId, String sessionId, String hash) {
    }

    private RefreshTokens() {
    }

    static String newToken(String userId, String sessionId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "rt1." + userId + "." + sessionId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static Optional<Parsed> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(m.group(1), m.group(2), hash(token)));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
