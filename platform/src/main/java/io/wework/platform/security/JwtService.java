package io.wework.platform.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.wework.platform.id.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Issues and verifies HS256 access tokens with jjwt. Claims are ASCII only ({@code sub}, {@code role},
 * {@code sid}, {@code iat}, {@code exp}, {@code jti}, {@code iss}), so WeWork's front end can decode them with
 * {@code atob}. Unsigned ({@code alg: none}) and foreign-algorithm tokens are rejected by jjwt. The
 * role travels as its wire name; {@link RoleAuthorities} says which names exist and what they grant.
 */
public class JwtService {

    private final SecretKey key;
    private final Duration ttl;
    private final String issuer;
    private final Clock clock;
    private final RoleAuthorities roles;

    public JwtService(byte[] secret, Duration ttl, String issuer, Clock clock, RoleAuthorities roles) {
        this.key = Keys.hmacShaKeyFor(secret);
        this.ttl = ttl;
        this.issuer = issuer;
        this.clock = clock;
        this.roles = roles;
    }

    public record IssuedToken(String token, String tokenId, Instant expiresAt, long expiresInSeconds) {
    }

    /** @param role the role's wire name ({@link RoleAuthorities} must know it) */
    public IssuedToken issueAccessToken(String userId, String role) {
        return issueAccessToken(userId, role, null, null);
    }

    /**
     * @param sessionId the session (refresh-token family) the token belongs to, as claim {@code sid}
     * @param notBefore when set and later than now, the token's {@code iat} (a token must never look
     *                  older than the event that invalidated the tokens before it)
     */
    public IssuedToken issueAccessToken(String userId, String role, String sessionId, Instant notBefore) {
        if (roles.of(role).isEmpty()) {
            throw new IllegalArgumentException("Unknown role " + role);
        }
        Instant now = clock.instant();
        if (notBefore != null && notBefore.isAfter(now)) {
            now = notBefore;
        }
        Instant exp = now.plus(ttl);
        // iat is written in whole seconds; the jti carries the issuing instant to the millisecond (see preciseIssuedAt)
        String jti = Ids.uuidV7At(now.toEpochMilli()).toString();
        var builder = Jwts.builder()
                .subject(userId)
                .claim("role", role);
        if (sessionId != null) {
            builder.claim("sid", sessionId);
        }
        String token = builder
                .issuer(issuer)
                .issuedAt(Date.from(now))
                .expiration(Date.from(exp))
                .id(jti)
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, jti, exp, ttl.toSeconds());
    }

    /** Verified principal, or an {@link InvalidTokenException} saying why not. */
    public AuthenticatedUser verify(String token) {
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(issuer)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            String role = claims.get("role", String.class);
            Set<String> authorities = roles.of(role)
                    .orElseThrow(() -> new InvalidTokenException("Token has an unknown role"));
            if (claims.getSubject() == null || claims.getExpiration() == null) {
                throw new InvalidTokenException("Token lacks a subject or an expiry");
            }
            return new AuthenticatedUser(claims.getSubject(), role, claims.getId(), claims.get("sid", String.class),
                    preciseIssuedAt(claims.getId(), claims.getIssuedAt()),
                    claims.getExpiration().toInstant(), authorities);
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("Token has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("Token is invalid");
        }
    }

    /**
     * When the token was issued, to the millisecond. {@code iat} has whole seconds only, which cannot tell a
     * token issued just before a password change from one issued just after it in the same second (the
     * guard would refuse a fresh login for up to a second); the {@code jti} is a UUID v7 of the issuing
     * instant, so its time field gives the milliseconds. A jti of another form (tokens issued before this
     * version) or one that does not agree with {@code iat} leaves {@code iat}.
     */
    static Instant preciseIssuedAt(String jti, Date iat) {
        if (iat == null) {
            return null;
        }
        long seconds = iat.toInstant().toEpochMilli();
        try {
            java.util.OptionalLong millis = jti == null ? java.util.OptionalLong.empty() : Ids.epochMillisOf(UUID.fromString(jti));
            if (millis.isPresent() && millis.getAsLong() >= seconds && millis.getAsLong() < seconds + 1000) {
                return Instant.ofEpochMilli(millis.getAsLong());
            }
        } catch (IllegalArgumentException notAUuid) {
            // fall back to iat
        }
        return iat.toInstant();
    }

    public static class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }
}
