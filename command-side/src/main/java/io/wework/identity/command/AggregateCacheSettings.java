package io.wework.identity.command;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.cache.*} of the command side (the read side's are in the projections module).
 *
 * @param aggregatesPerType loaded User aggregates kept in memory per node, checked against the event store on every use; 0 keeps none
 */
@Validated
@ConfigurationProperties("wework.cache")
public record AggregateCacheSettings(@DefaultValue("10000") @PositiveOrZero long aggregatesPerType) {
}
