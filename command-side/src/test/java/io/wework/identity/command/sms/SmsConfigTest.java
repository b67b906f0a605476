package io.wework.identity.command.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SmsConfigTest {

    private static final boolean EMBEDDED_DEFAULT = true;
    private static final boolean DEPLOYED = false;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logSender = (Logger) LoggerFactory.getLogger(LogSmsSender.class);

    @BeforeEach
    void captureTheLogSendersLines() {
        logged.start();
        logSender.addAppender(logged);
    }

    @AfterEach
    void release() {
        logSender.detachAppender(logged);
    }

    private static SmsSettings settings(SmsSettings.Provider provider, boolean allowLogSender, String url, String token) {
        return new SmsSettings(provider, allowLogSender, Duration.ofSeconds(1), new SmsSettings.Wecan(url, token, "3000", null));
    }

    private boolean codeLogged(String code) {
        return logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains(code));
    }

    @Test
    void theLogSenderIsTheEmbeddedDefaultsWithoutAGateway() {
        SmsSender sender = SmsConfig.choose(settings(null, false, null, null), EMBEDDED_DEFAULT);
        assertThat(sender).isInstanceOf(LogSmsSender.class);
        sender.sendOtp("09121234567", "246810");
        assertThat(codeLogged("246810")).isTrue();
    }

    @Test
    void outsideTheEmbeddedDefaultNoGatewayMeansNoSmsAndNoCodeInTheLog() {
        SmsSender sender = SmsConfig.choose(settings(null, false, null, null), DEPLOYED);
        assertThat(sender).isInstanceOf(NoSmsSender.class);
        assertThatThrownBy(() -> sender.sendOtp("09121234567", "135790"))
                .isInstanceOf(SmsSender.SmsDeliveryException.class).hasMessageContaining("No SMS gateway");
        assertThat(codeLogged("135790")).isFalse();
        assertThat(SmsConfig.choose(settings(SmsSettings.Provider.NONE, false, null, null), EMBEDDED_DEFAULT))
                .isInstanceOf(NoSmsSender.class);
    }

    @Test
    void anExplicitLogSenderOutsideTheEmbeddedDefaultStopsTheStartUnlessAllowedByName() {
        assertThatThrownBy(() -> SmsConfig.choose(settings(SmsSettings.Provider.LOG, false, null, null), DEPLOYED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wework.sms.allow-log-sender=true")
                .hasMessageContaining("WECAN_REST_URL");
        assertThat(SmsConfig.choose(settings(SmsSettings.Provider.LOG, true, null, null), DEPLOYED))
                .isInstanceOf(LogSmsSender.class);
        // the switch alone chooses nothing: without provider=log a deployment still gets no log sender
        assertThat(SmsConfig.choose(settings(null, true, null, null), DEPLOYED)).isInstanceOf(NoSmsSender.class);
    }

    @Test
    void aGatewayUrlSelectsTheWecanSenderWhichNeedsItsToken() {
        assertThat(SmsConfig.choose(settings(null, false, "http://127.0.0.1:9", "t"), DEPLOYED))
                .isInstanceOf(WecanSmsSender.class);
        assertThatThrownBy(() -> SmsConfig.choose(settings(SmsSettings.Provider.WECAN, false, "http://127.0.0.1:9", ""), DEPLOYED))
                .hasMessageContaining("WECAN_TOKEN");
    }

    @Test
    void anUnreachableGatewayIsADeliveryFailure() {
        WecanSmsSender sender = new WecanSmsSender("http://127.0.0.1:9", "t", "3000", "otp", Duration.ofMillis(500));
        assertThatThrownBy(() -> sender.sendOtp("09121234567", "123456")).isInstanceOf(SmsSender.SmsDeliveryException.class);
    }
}
