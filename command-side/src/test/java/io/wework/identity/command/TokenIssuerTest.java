package io.wework.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.Role;
import io.wework.platform.security.JwtService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final String USER = "0193f1b2-0000-7000-8000-000000000001";
    static final JwtService JWT = new JwtService("k7Q2xW9pL4mN8vB3cR6tY1uI5oP0aS2dF".getBytes(StandardCharsets.UTF_8),
            Duration.ofMinutes(60), "wework", Clock.fixed(NOW, ZoneOffset.UTC),
            role -> java.util.Optional.ofNullable(role).map(r -> java.util.Set.of("ROLE_" + r.toUpperCase(java.util.Locale.ROOT))));

    private final TokenIssuer issuer = new TokenIssuer(JWT);

    @Test
    void aNewSessionGetsItsOwnIdAndARandomRefreshTokenThatNamesIt() {
        TokenIssuer.RefreshToken first = issuer.newSession(USER);
        TokenIssuer.RefreshToken second = issuer.newSession(USER);
        assertThat(first.sessionId()).isNotEqualTo(second.sessionId());
        assertThat(first.token()).matches("rt1\\." + USER + "\\." + first.sessionId() + "\\.[A-Za-z0-9_-]{43}");
        assertThat(RefreshTokens.parse(first.token())).hasValueSatisfying(parsed -> {
            assertThat(parsed.userId()).isEqualTo(USER);
            assertThat(parsed.sessionId()).isEqualTo(first.sessionId());
        });
    }

    @Test
    void onlyTheSha256OfTheRefreshTokenIsStored() throws Exception {
        TokenIssuer.RefreshToken token = issuer.newSession(USER);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.token().getBytes(StandardCharsets.UTF_8)));
        assertThat(token.hash()).isEqualTo(sha256).doesNotContain(token.token());
        assertThat(token.toString()).doesNotContain(token.token());
    }

    @Test
    void theNextTokenOfASessionKeepsTheSessionAndChangesTheSecret() {
        TokenIssuer.RefreshToken first = issuer.newSession(USER);
        TokenIssuer.RefreshToken next = issuer.nextInSession(USER, first.sessionId());
        assertThat(next.sessionId()).isEqualTo(first.sessionId());
        assertThat(next.token()).isNotEqualTo(first.token());
        assertThat(next.hash()).isNotEqualTo(first.hash());
    }

    @Test
    void theAccessTokenNamesTheUserTheRoleAndTheSessionTheCommandAnswered() {
        TokenIssuer.RefreshToken refresh = issuer.newSession(USER);
        TokenIssuer.Tokens tokens = issuer.issue(new AuthenticatedUser(USER, Role.ADMIN, "s-answered"), refresh, null);
        var principal = JWT.verify(tokens.accessToken());
        assertThat(principal.userId()).isEqualTo(USER);
        assertThat(principal.role()).isEqualTo(Role.ADMIN.wireName());
        assertThat(principal.sessionId()).isEqualTo("s-answered");
        assertThat(principal.issuedAt()).isEqualTo(NOW);
        assertThat(tokens.expiresInSeconds()).isEqualTo(3600);
        assertThat(tokens.refreshToken()).isEqualTo(refresh.token());
    }

    @Test
    void aNotBeforeInTheFutureBecomesTheIssueTime() {
        TokenIssuer.Tokens tokens = issuer.issue(new AuthenticatedUser(USER, Role.USER, "s"), issuer.newSession(USER),
                NOW.plusSeconds(1));
        assertThat(JWT.verify(tokens.accessToken()).issuedAt()).isEqualTo(NOW.plusSeconds(1));
    }
}
