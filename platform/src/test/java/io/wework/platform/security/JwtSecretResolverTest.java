package io.wework.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/security.md, "Smaller holes": the JWT secret must be 256 bits from a real source of
 * randomness, given as a base64 (standard or URL-safe) or hex encoded key of at least 32 bytes.
 */
class JwtSecretResolverTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private byte[] resolve(String secret) {
        return JwtSecretResolver.resolve(secret, false, dir);
    }

    @Test
    void aSecretOfOnlyTenDistinctCharactersIsRefused() {
        // 50 characters, 10 distinct: accepted by the old check (it wanted 10 distinct characters)
        assertThatThrownBy(() -> resolve("k7Q2xW9pL4".repeat(5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT secret").hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aLongPlainTextSecretIsRefusedWithHowToMakeOne() {
        // long and varied, but typed by a person, not drawn from a random source: not base64 nor hex
        assertThatThrownBy(() -> resolve("Tr0ub4dor&3-horse!battery#staple$correct%2024"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("base64 or hex")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aKeyOfFewerThan32DecodedBytesIsRefused() {
        String base64Of31 = Base64.getEncoder().encodeToString(random(31));
        assertThatThrownBy(() -> resolve(base64Of31)).hasMessageContaining("248 bits");
        assertThatThrownBy(() -> resolve(HexFormat.of().formatHex(random(16)))).hasMessageContaining("128 bits");
    }

    @Test
    void obviouslyRegularKeysAreRefusedThoughTheyDecodeTo32Bytes() {
        assertThatThrownBy(() -> resolve(Base64.getEncoder().encodeToString(new byte[32]))).hasMessageContaining("regular");
        assertThatThrownBy(() -> resolve("ab".repeat(32))).hasMessageContaining("regular");
        byte[] counting = new byte[32];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = (byte) i;
        }
        assertThatThrownBy(() -> resolve(HexFormat.of().formatHex(counting))).hasMessageContaining("regular");
        byte[] repeated = new byte[32];
        byte[] eight = random(8);
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = eight[i % 8];
        }
        assertThatThrownBy(() -> resolve(Base64.getEncoder().encodeToString(repeated))).hasMessageContaining("regular");
    }

    @Test
    void placeholdersAreStillNamedAsSuch() {
        assertThatThrownBy(() -> resolve("change-me-please-to-something-long-1234")).hasMessageContaining("placeholder");
    }

    @Test
    void randomKeysInEveryAcceptedEncodingPass() {
        for (int i = 0; i < 200; i++) {
            byte[] key = random(32);
            String standard = Base64.getEncoder().encodeToString(key); // openssl rand -base64 32
            String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(random(48));
            String hex = HexFormat.of().formatHex(key); // openssl rand -hex 32
            assertThat(resolve(standard)).as(standard).isEqualTo(standard.getBytes(StandardCharsets.UTF_8));
            assertThat(resolve(urlSafe)).as(urlSafe).isEqualTo(urlSafe.getBytes(StandardCharsets.UTF_8));
            assertThat(resolve(hex)).as(hex).isEqualTo(hex.getBytes(StandardCharsets.UTF_8));
            assertThat(resolve("  " + standard + "\n")).isEqualTo(standard.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theEmbeddedDefaultsGeneratedSecretPassesTheCheck() throws Exception {
        byte[] generated = JwtSecretResolver.resolve(null, true, dir);
        String stored = Files.readString(dir.resolve("jwt-secret")).trim();
        assertThat(generated).isEqualTo(stored.getBytes(StandardCharsets.UTF_8));
        assertThat(JwtSecretResolver.weakness(stored)).isNull();
        assertThat(resolve(stored)).isEqualTo(generated);
    }

    @Test
    void theReadmesRecipeForChangingARefusedSecretKeepsSecretsAtRestReadable() {
        String old = "Tr0ub4dor&3-horse!battery#staple$correct%2024"; // accepted before, refused now
        String sealed = new io.wework.platform.crypto.SecretBox(old.getBytes(StandardCharsets.UTF_8)).encrypt("bot-token");
        // WEWORK_ENCRYPTION_KEY="$(printf %s "$OLD_JWT_SECRET_KEY" | base64 -w0)", JWT_SECRET_KEY="$(openssl rand -base64 32)"
        String encryptionKey = Base64.getEncoder().encodeToString(old.getBytes(StandardCharsets.UTF_8));
        var box = new SecurityConfig().secretBox(
                new JwtProperties(Base64.getEncoder().encodeToString(random(32)), "HS256", java.time.Duration.ofMinutes(60), "wework"),
                new SecuritySettings(encryptionKey, 10, false),
                new io.wework.platform.embedded.EmbeddedSettings(dir.toString(), false, false));
        assertThat(box.decrypt(sealed)).isEqualTo("bot-token");
    }

    @Test
    void aWeakSecretInTheDataFolderIsRefusedToo() throws Exception {
        Files.writeString(dir.resolve("jwt-secret"), "k7Q2xW9pL4".repeat(5));
        assertThatThrownBy(() -> JwtSecretResolver.resolve(null, true, dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("jwt-secret").toString());
    }
}
