package io.wework.platform.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@link EmbeddedServersStarter} found at start (not settings: the starter writes them and
 * overrides any value given by hand; the configuration metadata marks them ignored).
 *
 * @param mode embedded (both servers embedded), mixed or external
 * @param modeDescription which servers are embedded and where their data is, for the startup log
 */
@ConfigurationProperties("wework")
public record ServiceMode(@DefaultValue("external") String mode, @DefaultValue("") String modeDescription) {
}
