package io.wework.identity.command.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SmsConfigTest {

    private final SmsConfig config = new SmsConfig();

    private static SmsSettings settings(SmsSettings.Provider provider, String url, String token) {
        return new SmsSettings(provider, Duration.ofSeconds(1), new SmsSettings.Wecan(url, token, "3000", null));
    }

    @Test
    void theLogSenderIsTheDefaultWithoutAGateway() {
        assertThat(config.smsSender(new MockEnvironment(), settings(null, null, null))).isInstanceOf(LogSmsSender.class);
    }

    @Test
    void theLogSenderRefusesToRunInProduction() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");
        assertThatThrownBy(() -> config.smsSender(production, settings(SmsSettings.Provider.LOG, null, null)))
                .hasMessageContaining("must not run in production");
    }

    @Test
    void aGatewayUrlSelectsTheWecanSenderWhichNeedsItsToken() {
        assertThat(config.smsSender(new MockEnvironment(), settings(null, "http://127.0.0.1:9", "t")))
                .isInstanceOf(WecanSmsSender.class);
        assertThatThrownBy(() -> config.smsSender(new MockEnvironment(),
                settings(SmsSettings.Provider.WECAN, "http://127.0.0.1:9", ""))).hasMessageContaining("WECAN_TOKEN");
    }

    @Test
    void anUnreachableGatewayIsADeliveryFailure() {
        WecanSmsSender sender = new WecanSmsSender("http://127.0.0.1:9", "t", "3000", "otp", Duration.ofMillis(500));
        assertThatThrownBy(() -> sender.sendOtp("09121234567", "123456")).isInstanceOf(SmsSender.SmsDeliveryException.class);
    }
}
