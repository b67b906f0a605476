package io.wework.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wework.security.jwt.*}; the original's {@code JWT_SECRET_KEY},
 * {@code JWT_ALGORITHM} and {@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES} feed it (see application.yml).
 */
@ConfigurationProperties("wework.security.jwt")
public record JwtProperties(String secret, String algorithm, Duration accessTokenTtl, String issuer) {

    public JwtProperties {
        if (algorithm == null || algorithm.isBlank()) {
            algorithm = "HS256";
        }
        if (accessTokenTtl == null) {
            accessTokenTtl = Duration.ofMinutes(60);
        }
        if (issuer == null || issuer.isBlank()) {
            issuer = "wework";
        }
    }
}
