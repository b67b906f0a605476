package io.wework.platform.embedded;

import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * The original WeWork's names for settings that have a Spring name of their own (e.g.
 * {@code JWT_SECRET_KEY} for {@code wework.security.jwt.secret}): a property source, last in
 * precedence (only SpringApplication's default properties come after it), that answers for each
 * Spring name with the value of its original name. So the Spring name, set in the environment, a
 * system property, the command line or application.yml, wins (which is why application.yml must not
 * set an aliased property); the
 * original name is read wherever it is set (environment, system property, command line, a test's
 * properties), and at the moment a settings record is bound, so sources added after the environment
 * was prepared count too. A blank original value counts as unset.
 * <p>
 * Each module registers the names of its own settings (an {@code EnvironmentPostProcessor} calling
 * {@link #register}); the platform's are registered by {@link OriginalEnvNamesMapper}.
 */
public final class OriginalEnvNames extends PropertySource<Map<String, String>> {

    private final ConfigurableEnvironment environment;

    private OriginalEnvNames(String name, Map<String, String> originalBySpringName, ConfigurableEnvironment environment) {
        super(name, Map.copyOf(originalBySpringName));
        this.environment = environment;
    }

    /**
     * Adds, once, a source called {@code name} through which each Spring property (key) of
     * {@code originalBySpringName} reads the original name (value).
     */
    public static void register(ConfigurableEnvironment environment, String name, Map<String, String> originalBySpringName) {
        if (!environment.getPropertySources().contains(name)) {
            environment.getPropertySources().addLast(new OriginalEnvNames(name, originalBySpringName, environment));
        }
    }

    @Override
    public Object getProperty(String name) {
        String original = source.get(name);
        if (original == null) {
            return null;
        }
        for (PropertySource<?> candidate : environment.getPropertySources()) {
            if (candidate instanceof OriginalEnvNames
                    || ConfigurationPropertySources.isAttachedConfigurationPropertySource(candidate)) {
                continue;
            }
            Object value = candidate.getProperty(original);
            if (value != null && (!(value instanceof CharSequence text) || StringUtils.hasText(text))) {
                return value;
            }
        }
        return null;
    }
}
