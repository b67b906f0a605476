package io.wework.identity.command;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.security.registration.*}: how many sign-ups one client address may make
 * ({@link RegistrationThrottle}). Each sign-up costs a BCrypt hash and creates an account for good.
 *
 * @param maxPerAddress sign-ups (accepted or refused after validation) from one client address within the window before 429
 * @param window how long sign-ups are counted
 */
@Validated
@ConfigurationProperties("wework.security.registration")
public record RegistrationLimits(@DefaultValue("10") @Positive int maxPerAddress,
                                 @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration window) {
}
