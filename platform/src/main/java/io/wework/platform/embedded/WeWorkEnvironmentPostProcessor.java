package io.wework.platform.embedded;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where PostgreSQL and Redis are, before any bean exists:
 * <ol>
 *   <li>the original WeWork names {@code DATABASE_URL} (e.g. {@code postgresql+asyncpg://u:p@h:5432/db})
 *       and {@code REDIS_URL} become Spring's datasource and Redis settings, unless Spring's own are given;</li>
 *   <li>whatever is still unset is started embedded (real servers, in-process, free loopback ports),
 *       with data under {@code wework.embedded.data-dir}.</li>
 * </ol>
 * Sets {@code wework.embedded.active=true} only when both servers are embedded (the embedded default).
 */
public class WeWorkEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "wework-servers";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10; // after application.yml is loaded
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        boolean embeddedDb = false;
        boolean embeddedRedis = false;
        Path dataDir = Path.of(env.getProperty("wework.embedded.data-dir", "./data")).toAbsolutePath().normalize();
        boolean clean = env.getProperty("wework.embedded.clean", Boolean.class, false);

        if (!StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            String databaseUrl = env.getProperty("DATABASE_URL");
            if (StringUtils.hasText(databaseUrl)) {
                props.putAll(fromDatabaseUrl(databaseUrl));
            } else {
                props.put("spring.datasource.url", EmbeddedServers.startPostgres(dataDir, clean));
                props.put("spring.datasource.username", "postgres");
                props.put("spring.datasource.password", "");
                embeddedDb = true;
            }
        }
        if (!StringUtils.hasText(env.getProperty("spring.data.redis.url"))
                && !StringUtils.hasText(env.getProperty("spring.data.redis.host"))) {
            String redisUrl = env.getProperty("REDIS_URL");
            if (StringUtils.hasText(redisUrl)) {
                props.put("spring.data.redis.url", redisUrl);
            } else {
                props.put("spring.data.redis.url", EmbeddedServers.startRedis(dataDir, clean));
                embeddedRedis = true;
            }
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

    /** {@code postgresql[+driver]://user:pass@host:port/db?x=y} (SQLAlchemy style) or a JDBC URL. */
    static Map<String, Object> fromDatabaseUrl(String url) {
        Map<String, Object> props = new HashMap<>();
        if (url.startsWith("jdbc:")) {
            props.put("spring.datasource.url", url);
            return props;
        }
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.startsWith("postgres")) {
            throw new IllegalArgumentException("DATABASE_URL must be a PostgreSQL URL, got scheme '" + scheme + "'");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        props.put("spring.datasource.url", jdbc);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return props;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
