package io.wework.identity.command;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.security.login.*}: brute-force limits on password login ({@link LoginThrottle}) and,
 * with the same numbers but counters of their own, on the current password of a password change
 * ({@link PasswordChangeThrottle}).
 *
 * @param maxFailuresPerAccount failed logins of one account within the window before it is locked out (429 with Retry-After)
 * @param maxFailuresPerAddress failed logins from one client address within the window before it is refused (429)
 * @param window how long failed logins are counted
 */
@Validated
@ConfigurationProperties("wework.security.login")
public record LoginLimits(@DefaultValue("5") @Positive int maxFailuresPerAccount,
                          @DefaultValue("30") @Positive int maxFailuresPerAddress,
                          @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration window) {
}
