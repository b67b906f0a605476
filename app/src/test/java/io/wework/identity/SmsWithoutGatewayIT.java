package io.wework.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.wework.WeWorkApplication;
import io.wework.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * docs/security.md, "Smaller holes": a service started as {@code docker-compose.yml} starts it
 * (PostgreSQL and Redis of its own, a JWT secret, no SMS gateway configured) never writes a login
 * code to the log. It is not the embedded default, so no SMS provider means no SMS: a code request
 * answers 503 {@code sms_unavailable} and nothing is kept. A second application is started on the
 * shared test servers, which makes it "external" like a compose deployment.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmsWithoutGatewayIT extends IntegrationTest {

    private static ConfigurableApplicationContext deployed;
    private static int deployedPort;

    @Autowired
    private Environment env;

    @AfterAll
    static void stop() {
        if (deployed != null) {
            deployed.close();
            deployed = null;
        }
    }

    private void startAsComposeDoes() {
        if (deployed != null) {
            return;
        }
        deployed = new SpringApplicationBuilder(WeWorkApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + env.getProperty("spring.datasource.username", "postgres"),
                "--spring.data.redis.url=" + env.getProperty("spring.data.redis.url"),
                "--wework.security.jwt.secret=" + JWT_SECRET,
                "--spring.jmx.enabled=false");
        deployedPort = Integer.parseInt(deployed.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void withoutAGatewayOutsideTheEmbeddedDefaultACodeRequestIs503AndNoCodeReachesTheLog(CapturedOutput output) {
        startAsComposeDoes();
        assertThat(deployed.getEnvironment().getProperty("wework.mode")).isEqualTo("external");
        String phone = uniquePhone();
        int mine = port;
        Response answer;
        try {
            port = deployedPort;
            answer = postJson("/api/auth/request-otp", "{\"phone_number\":\"" + phone + "\"}");
        } finally {
            port = mine;
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.json().get("code").asText()).isEqualTo("sms_unavailable");
        assertThat(redis.hasKey("wework:otp:code:" + phone)).as("no code kept").isFalse();
        assertThat(output.getAll()).as("no login code in the log")
                .doesNotContain("OTP for phone ending " + phone.substring(phone.length() - 4))
                .contains("No SMS gateway is configured");
    }
}
