package io.wework.platform.embedded;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.embedded.*}: the embedded PostgreSQL and Redis that {@link EmbeddedServersStarter}
 * starts for whichever of the two is not configured. The starter binds this record itself, before
 * any bean exists; the context binds it again for the beans that need it. The folder is a plain
 * string, read with {@link Path#of} ({@code Path} binding would look for a classpath resource of that
 * name first).
 *
 * @param dataDir where the embedded servers keep their data (postgres/, redis/) and the generated jwt-secret
 * @param clean whether to wipe the embedded servers' data before starting them (tests)
 * @param active set by the service at start, not by hand: true when it started both PostgreSQL and Redis itself (the embedded default)
 */
@Validated
@ConfigurationProperties("wework.embedded")
public record EmbeddedSettings(@DefaultValue("./data") @NotBlank String dataDir,
                               @DefaultValue("false") boolean clean,
                               @DefaultValue("false") boolean active) {

    /** {@link #dataDir} as a path. */
    public Path dataPath() {
        return Path.of(dataDir);
    }
}
