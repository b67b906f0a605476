package io.wework.platform.embedded;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The original WeWork's names for where PostgreSQL and Redis are, {@code DATABASE_URL} (e.g.
 * {@code postgresql+asyncpg://u:p@h:5432/db}) and {@code REDIS_URL}, become Spring's datasource and
 * Redis settings, unless Spring's own are given. Runs after application.yml is read and before
 * {@link EmbeddedServersStarter}, which starts whatever is still unset.
 * <p>
 * The original's other names, and WeWork's short ones, read as the platform's settings through
 * {@link OriginalEnvNames}: {@code JWT_SECRET_KEY}, {@code JWT_ALGORITHM},
 * {@code JWT_ACCESS_TOKEN_EXPIRE_MINUTES} ({@code wework.security.jwt.*}), {@code WEWORK_DATA_DIR}
 * ({@code wework.embedded.data-dir}) and {@code WEWORK_ENCRYPTION_KEY}
 * ({@code wework.security.encryption-key}).
 */
public class OriginalEnvNamesMapper implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "wework-original-names";
    public static final String ALIASES_NAME = "wework-original-names-platform";

    /** Spring name → original name. */
    static final Map<String, String> ALIASES = Map.of(
            "wework.security.jwt.secret", "JWT_SECRET_KEY",
            "wework.security.jwt.algorithm", "JWT_ALGORITHM",
            "wework.security.jwt.access-token-ttl", "JWT_ACCESS_TOKEN_EXPIRE_MINUTES",
            "wework.embedded.data-dir", "WEWORK_DATA_DIR",
            "wework.security.encryption-key", "WEWORK_ENCRYPTION_KEY");
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 20;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        OriginalEnvNames.register(env, ALIASES_NAME, ALIASES);
        if (env.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        if (!StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
            String databaseUrl = env.getProperty("DATABASE_URL");
            if (StringUtils.hasText(databaseUrl)) {
                props.putAll(fromDatabaseUrl(databaseUrl));
            }
        }
        if (!StringUtils.hasText(env.getProperty("spring.data.redis.url"))
                && !StringUtils.hasText(env.getProperty("spring.data.redis.host"))) {
            String redisUrl = env.getProperty("REDIS_URL");
            if (StringUtils.hasText(redisUrl)) {
                props.put("spring.data.redis.url", redisUrl);
            }
        }
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, props));
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
