package io.wework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wework.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * README, configuration: outside the embedded default the service refuses to start with a weak JWT
 * secret. A second application is started on the shared test servers (so it is not the embedded
 * default) with a 45-byte placeholder secret: the start fails, and says why.
 */
class StartupRefusalIT extends IntegrationTest {

    @Autowired
    private Environment env;

    @Test
    void theServiceRefusesToStartWithAWeakJwtSecret() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(WeWorkApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username", "postgres"),
                "--spring.data.redis.url=" + env.getProperty("spring.data.redis.url"),
                // long enough for HS256 (jjwt would take it), but the placeholder of many a tutorial
                "--wework.security.jwt.secret=my-jwt-secret-key-change-in-production-please",
                "--wework.sms.provider=log",
                "--spring.jmx.enabled=false").close());
        assertThat(failure).as("the start must fail").isNotNull();
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(cause).isInstanceOf(IllegalStateException.class);
        assertThat(cause.getMessage()).contains("JWT secret").contains("placeholder");
        // the running service on the same servers is unaffected
        assertThat(get("/actuator/health").status()).isEqualTo(200);
    }
}
