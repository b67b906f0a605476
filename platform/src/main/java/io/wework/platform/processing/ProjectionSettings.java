package io.wework.platform.processing;

import jakarta.validation.constraints.NotNull;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.projections.*}.
 *
 * @param replayOnly streaming processors that run only while they replay, because their read model is written inline in the commands' transactions; once caught up they are shut down
 */
@Validated
@ConfigurationProperties("wework.projections")
public record ProjectionSettings(@DefaultValue("users") @NotNull Set<String> replayOnly) {

    public ProjectionSettings {
        replayOnly = replayOnly == null ? null : Set.copyOf(replayOnly);
    }
}
