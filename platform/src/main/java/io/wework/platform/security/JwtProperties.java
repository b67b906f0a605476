package io.wework.platform.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.security.jwt.*}; the original's {@code JWT_SECRET_KEY}, {@code JWT_ALGORITHM} and
 * {@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES} feed it (see {@code OriginalEnvNamesMapper}).
 *
 * @param secret the HS256 key: 256 bits from a random source, base64 or hex encoded (openssl rand -base64 32); generated and kept in the data folder in the embedded default only, required otherwise (env JWT_SECRET_KEY)
 * @param algorithm the signing algorithm; only HS256 is accepted (env JWT_ALGORITHM)
 * @param accessTokenTtl access-token lifetime; a bare number is minutes (env JWT_ACCESS_TOKEN_EXPIRE_MINUTES)
 * @param issuer the iss claim of issued tokens, checked on the tokens received
 */
@Validated
@ConfigurationProperties("wework.security.jwt")
public record JwtProperties(String secret,
                            @DefaultValue("HS256") @NotBlank String algorithm,
                            @DefaultValue("60m") @DurationUnit(ChronoUnit.MINUTES) @NotNull @DurationMin(seconds = 1)
                            Duration accessTokenTtl,
                            @DefaultValue("wework") @NotBlank String issuer) {
}
