package io.wework.identity.projection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.cache.*} of the users read model (the command side's are in AggregateCacheSettings).
 *
 * @param userTtl how long a cached profile stays in Redis
 * @param inlineRows users_view rows the inline projection keeps in memory per node; 0 keeps none
 */
@Validated
@ConfigurationProperties("wework.cache")
public record UserCacheSettings(@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration userTtl,
                                @DefaultValue("10000") @PositiveOrZero long inlineRows) {
}
