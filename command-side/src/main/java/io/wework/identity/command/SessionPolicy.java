package io.wework.identity.command;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a refresh token (a session) lives without use ({@code wework.security.refresh-token-ttl}).
 *
 * @param refreshTokenTtl a session ends this long after its last refresh
 */
@Validated
@ConfigurationProperties("wework.security")
public record SessionPolicy(@DefaultValue("30d") @NotNull @DurationMin(seconds = 1) Duration refreshTokenTtl) {
}
