package io.wework.identity.command.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SmsConfigTest {

    private final SmsConfig config = new SmsConfig();

    @Test
    void theLogSenderIsTheDefaultWithoutAGateway() {
        assertThat(config.smsSender(new MockEnvironment(), "", "", "", "", "", Duration.ofSeconds(1)))
                .isInstanceOf(LogSmsSender.class);
    }

    @Test
    void theLogSenderRefusesToRunInProduction() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");
        assertThatThrownBy(() -> config.smsSender(production, "log", "", "", "", "", Duration.ofSeconds(1)))
                .hasMessageContaining("must not run in production");
    }

    @Test
    void aGatewayUrlSelectsTheWecanSenderWhichNeedsItsToken() {
        assertThat(config.smsSender(new MockEnvironment(), "", "http://127.0.0.1:9", "t", "3000", "", Duration.ofSeconds(1)))
                .isInstanceOf(WecanSmsSender.class);
        assertThatThrownBy(() -> config.smsSender(new MockEnvironment(), "wecan", "http://127.0.0.1:9", "", "", "",
                Duration.ofSeconds(1))).hasMessageContaining("WECAN_TOKEN");
    }

    @Test
    void anUnreachableGatewayIsADeliveryFailure() {
        WecanSmsSender sender = new WecanSmsSender("http://127.0.0.1:9", "t", "3000", "otp", Duration.ofMillis(500));
        assertThatThrownBy(() -> sender.sendOtp("09121234567", "123456")).isInstanceOf(SmsSender.SmsDeliveryException.class);
    }
}
