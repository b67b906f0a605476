package io.wework.platform.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.security.*} as the platform uses it (the JWT's own settings are {@link JwtProperties};
 * features add theirs under the same prefix).
 *
 * @param encryptionKey base64, at least 32 bytes: the AES-GCM key for secrets at rest and the key of keyed hashes; derived from the JWT secret when unset (env WEWORK_ENCRYPTION_KEY)
 * @param bcryptStrength BCrypt cost of password hashes, 4 to 31; each step doubles the work
 * @param publicMetrics whether /actuator/prometheus is open to unauthenticated scrapers
 */
@Validated
@ConfigurationProperties("wework.security")
public record SecuritySettings(String encryptionKey,
                               @DefaultValue("10") @Min(4) @Max(31) int bcryptStrength,
                               @DefaultValue("false") boolean publicMetrics) {
}
