package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wework.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * README, configuration: outside the embedded default the service refuses to start with a weak JWT
 * secret, or with the log SMS sender not asked for by name. A second application is started on the
 * shared test servers (so it is not the embedded default): the start fails, and says why.
 */
class StartupRefusalIT extends IntegrationTest {

    @Autowired
    private Environment env;

    private Throwable start(String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username", "postgres"),
                "--spring.data.redis.url=" + env.getProperty("spring.data.redis.url"),
                "--spring.jmx.enabled=false"));
        args.addAll(List.of(settings));
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(WeWorkApplication.class)
                .run(args.toArray(String[]::new)).close());
        assertThat(failure).as("the start must fail").isNotNull();
        // the running service on the same servers is unaffected
        assertThat(get("/actuator/health").status()).isEqualTo(200);
        return NestedExceptionUtils.getMostSpecificCause(failure);
    }

    @Test
    void theServiceRefusesToStartWithAWeakJwtSecret() {
        // long enough for HS256 (jjwt would take it), but the placeholder of many a tutorial
        Throwable cause = start("--wework.security.jwt.secret=my-jwt-secret-key-change-in-production-please",
                "--wework.sms.provider=none");
        assertThat(cause).isInstanceOf(IllegalStateException.class);
        assertThat(cause.getMessage()).contains("JWT secret").contains("placeholder");
    }

    @Test
    void theServiceRefusesToStartWithTheLogSmsSenderOutsideTheEmbeddedDefault() {
        Throwable cause = start("--wework.security.jwt.secret=" + JWT_SECRET, "--wework.sms.provider=log");
        assertThat(cause).isInstanceOf(IllegalStateException.class);
        assertThat(cause.getMessage()).contains("wework.sms.provider=log writes every login code to the log")
                .contains("wework.sms.allow-log-sender=true");
    }
}
