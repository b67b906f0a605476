package io.wework.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtServiceTest {

    private static final byte[] SECRET = "CYKSi7RunxYmFWay66/qiw1lIVvTiZ39ZSfFd9gMxEM=".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    /** Roles as a feature would declare them; the platform itself knows none. */
    private static final Map<String, Set<String>> ROLES = Map.of(
            "user", Set.of("ROLE_USER"),
            "super_admin", Set.of("ROLE_SUPER_ADMIN", RoleAuthorities.ADMIN_ENDPOINTS));
    private static final RoleAuthorities AUTHORITIES = role -> Optional.ofNullable(role).map(ROLES::get);

    private final JwtService jwt = new JwtService(SECRET, Duration.ofMinutes(60), "wework", Clock.fixed(NOW, ZoneOffset.UTC),
            AUTHORITIES);

    @Test
    void issuesATokenItVerifies() {
        var issued = jwt.issueAccessToken("u1", "super_admin");
        AuthenticatedUser user = jwt.verify(issued.token());
        assertThat(user.userId()).isEqualTo("u1");
        assertThat(user.role()).isEqualTo("super_admin");
        assertThat(user.authorities()).containsExactlyInAnyOrder("ROLE_SUPER_ADMIN", RoleAuthorities.ADMIN_ENDPOINTS);
        assertThat(user.tokenId()).isEqualTo(issued.tokenId());
        assertThat(issued.expiresInSeconds()).isEqualTo(3600);
    }

    @Test
    void theIssuingInstantIsKnownToTheMillisecondThoughIatHasWholeSeconds() {
        Instant issued = Instant.parse("2026-11-26T10:00:00.700Z");
        JwtService at = new JwtService(SECRET, Duration.ofMinutes(60), "wework", Clock.fixed(issued, ZoneOffset.UTC),
                AUTHORITIES);
        String token = at.issueAccessToken("u1", "super_admin").token();
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(json).contains("\"iat\":" + issued.getEpochSecond() + ",");
        // a password change at 10:00:00.500 must not refuse this token, and must refuse one issued at 10:00:00.300
        assertThat(at.verify(token).issuedAt()).isEqualTo(issued);
        String earlier = new JwtService(SECRET, Duration.ofMinutes(60), "wework",
                Clock.fixed(Instant.parse("2026-11-26T10:00:00.300Z"), ZoneOffset.UTC), AUTHORITIES)
                .issueAccessToken("u1", "super_admin").token();
        assertThat(at.verify(earlier).issuedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00.300Z"));
    }

    @Test
    void aJtiThatIsNoTimeOrderedUuidLeavesIat() {
        java.util.Date iat = java.util.Date.from(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(JwtService.preciseIssuedAt(java.util.UUID.randomUUID().toString(), iat)).isEqualTo(iat.toInstant());
        assertThat(JwtService.preciseIssuedAt("not-a-uuid", iat)).isEqualTo(iat.toInstant());
        // a v7 jti from another second does not agree with iat
        String otherSecond = io.wework.platform.id.Ids.uuidV7At(Instant.parse("2026-11-26T10:00:05.100Z").toEpochMilli()).toString();
        assertThat(JwtService.preciseIssuedAt(otherSecond, iat)).isEqualTo(iat.toInstant());
        assertThat(JwtService.preciseIssuedAt(null, null)).isNull();
    }

    @Test
    void claimsAreAsciiAndDecodableWithPlainBase64() {
        String payload = jwt.issueAccessToken("0193f1b2-0000-7000-8000-000000000001", "super_admin").token().split("\\.")[1];
        assertThat(payload).doesNotContain("-").doesNotContain("_");
        String json = new String(Base64.getDecoder().decode(payload + "==".substring(0, (4 - payload.length() % 4) % 4)),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"sub\"", "\"role\":\"super_admin\"", "\"exp\"", "\"jti\"");
    }

    @Test
    void refusesAnExpiredToken() {
        var old = new JwtService(SECRET, Duration.ofMinutes(60), "wework",
                Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC), AUTHORITIES).issueAccessToken("u1", "user");
        assertThatThrownBy(() -> jwt.verify(old.token())).hasMessage("Token has expired");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        var other = new JwtService("Zq1Wx2Ec3Rv4Tb5Yn6Um7Ik8Ol9Pa0Sd!F".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(60), "wework", Clock.fixed(NOW, ZoneOffset.UTC), AUTHORITIES);
        assertThatThrownBy(() -> jwt.verify(other.issueAccessToken("u1", "user").token())).hasMessage("Token is invalid");
    }

    @Test
    void refusesASignedTokenWithARoleNobodyDeclared() {
        var unknownRole = new JwtService(SECRET, Duration.ofMinutes(60), "wework", Clock.fixed(NOW, ZoneOffset.UTC),
                role -> Optional.of(Set.of())).issueAccessToken("u1", "owner");
        assertThatThrownBy(() -> jwt.verify(unknownRole.token())).hasMessage("Token has an unknown role");
    }

    @Test
    void issuesNoTokenForAnUnknownRole() {
        assertThatThrownBy(() -> jwt.issueAccessToken("u1", "owner")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnUnsignedToken() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String body = b64("{\"sub\":\"u1\",\"role\":\"super_admin\",\"iss\":\"wework\",\"exp\":" + (NOW.getEpochSecond() + 600) + "}");
        assertThatThrownBy(() -> jwt.verify(header + "." + body + ".")).isInstanceOf(JwtService.InvalidTokenException.class);
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> jwt.verify("not-a-token")).isInstanceOf(JwtService.InvalidTokenException.class);
    }

    @Test
    void weakOrMissingSecretsAreRefusedOutsideTheEmbeddedDefault(@TempDir Path dir) {
        assertThatThrownBy(() -> JwtSecretResolver.resolve(null, false, dir)).hasMessageContaining("missing");
        assertThatThrownBy(() -> JwtSecretResolver.resolve("c2hvcnQ=", false, dir)).hasMessageContaining("too short");
        assertThatThrownBy(() -> JwtSecretResolver.resolve("Q".repeat(44), false, dir)).hasMessageContaining("too regular");
        assertThatThrownBy(() -> JwtSecretResolver.resolve("change-me-please-to-something-long-1234", false, dir))
                .hasMessageContaining("placeholder");
        assertThat(JwtSecretResolver.resolve(new String(SECRET, StandardCharsets.UTF_8), false, dir)).isEqualTo(SECRET);
    }

    @Test
    void theEmbeddedDefaultGeneratesOneSecretAndKeepsIt(@TempDir Path dir) {
        byte[] first = JwtSecretResolver.resolve(null, true, dir);
        byte[] second = JwtSecretResolver.resolve("", true, dir);
        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
