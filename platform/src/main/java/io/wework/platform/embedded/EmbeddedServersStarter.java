package io.wework.platform.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Before any bean exists, starts embedded whichever of PostgreSQL and Redis is still unset once
 * {@link OriginalEnvNamesMapper} has run (real servers, in-process, free loopback ports), with data
 * under {@code wework.embedded.data-dir} ({@link EmbeddedSettings}), and says which mode that makes
 * ({@link ServiceMode}).
 * Sets {@code wework.embedded.active=true} only when both servers are embedded (the embedded default).
 */
public class EmbeddedServersStarter implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "wework-servers";
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    @Override
    public int getOrder() {
        return ORDER; // after application.yml is loaded and the original names are mapped
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        boolean embeddedDb = false;
        boolean embeddedRedis = false;
        EmbeddedSettings settings = Binder.get(env).bindOrCreate("wework.embedded", EmbeddedSettings.class);
        Path dataDir = settings.dataPath().toAbsolutePath().normalize();
        boolean clean = settings.clean();

        if (!StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            props.put("spring.datasource.url", EmbeddedServers.startPostgres(dataDir, clean));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            embeddedDb = true;
        }
        if (!StringUtils.hasText(env.getProperty("spring.data.redis.url"))
                && !StringUtils.hasText(env.getProperty("spring.data.redis.host"))) {
            props.put("spring.data.redis.url", EmbeddedServers.startRedis(dataDir, clean));
            embeddedRedis = true;
        }
        boolean embeddedDefault = embeddedDb && embeddedRedis;
        props.put("wework.embedded.active", embeddedDefault);
        props.put("wework.embedded.data-dir", dataDir.toString());
        props.put("wework.mode", embeddedDefault ? "embedded" : (embeddedDb || embeddedRedis) ? "mixed" : "external");
        props.put("wework.mode-description", describe(embeddedDb, embeddedRedis, dataDir));
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
    }

    private static String describe(boolean db, boolean redis, Path dataDir) {
        String pg = db ? "PostgreSQL embedded" : "PostgreSQL external";
        String rd = redis ? "Redis embedded" : "Redis external";
        return pg + ", " + rd + ((db || redis) ? ", embedded data in " + dataDir : "");
    }
}
