package io.wework.identity.command;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.otp.*}: the rules of one-time SMS login codes ({@link OtpService}).
 *
 * @param ttl how long a code can be used
 * @param resendCooldown the shortest time between two codes sent to one phone
 * @param maxPerHour codes sent to one phone per hour
 * @param maxPerAddressPerHour codes requested from one client address per hour
 * @param maxAttempts wrong tries after which a code dies
 */
@Validated
@ConfigurationProperties("wework.otp")
public record OtpSettings(@DefaultValue("300s") @NotNull @DurationMin(seconds = 1) Duration ttl,
                          @DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration resendCooldown,
                          @DefaultValue("5") @Positive int maxPerHour,
                          @DefaultValue("20") @Positive int maxPerAddressPerHour,
                          @DefaultValue("5") @Positive int maxAttempts) {
}
