package io.wework.platform.embedded;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.embedded.*}: the embedded PostgreSQL and Redis that {@link EmbeddedServersStarter}
 * starts for whichever of the two is not configured. The starter binds this record itself, before
 * any bean exists; the context binds it again for the beans that need it.
 *
 * @param dataDir where the embedded servers keep their data (postgres/, redis/) and the generated jwt-secret
 * @param clean whether to wipe the embedded servers' data before starting them (tests)
 * @param active set by the service at start, not by hand: true when it started both PostgreSQL and Redis itself (the embedded default)
 */
@Validated
@ConfigurationProperties("wework.embedded")
public record EmbeddedSettings(@DefaultValue("./data") @NotNull Path dataDir,
                               @DefaultValue("false") boolean clean,
                               @DefaultValue("false") boolean active) {
}
