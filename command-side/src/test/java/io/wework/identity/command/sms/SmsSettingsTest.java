package io.wework.identity.command.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code wework.sms.*}, fed by the original's {@code WECAN_*} names as well. */
class SmsSettingsTest {

    private static SmsSettings bind(Map<String, Object> osEnvironment, Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, osEnvironment));
        env.getPropertySources().addFirst(new MapPropertySource("properties", properties));
        ConfigurationPropertySources.attach(env);
        new WecanEnvNames().postProcessEnvironment(env, new SpringApplication());
        return Binder.get(env).bindOrCreate("wework.sms", SmsSettings.class);
    }

    @Test
    void theOriginalWecanNamesFeedTheGatewaySettingsAndChooseIt() {
        SmsSettings settings = bind(Map.of("WECAN_REST_URL", "https://sms.example", "WECAN_TOKEN", "t",
                "WECAN_FROM_NUMBER", "3000", "WECAN_OTP_TEMPLATE_ID", "otp-1"), Map.of());
        assertThat(settings.wecan()).isEqualTo(new SmsSettings.Wecan("https://sms.example", "t", "3000", "otp-1"));
        assertThat(settings.chosenProvider(false)).isEqualTo(SmsSettings.Provider.WECAN);
        assertThat(settings.chosenProvider(true)).isEqualTo(SmsSettings.Provider.WECAN);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withoutAGatewayTheLogIsChosenOnlyInTheEmbeddedDefault() {
        SmsSettings settings = bind(Map.of(), Map.of());
        assertThat(settings.provider()).isNull();
        assertThat(settings.allowLogSender()).isFalse();
        assertThat(settings.chosenProvider(true)).isEqualTo(SmsSettings.Provider.LOG);
        assertThat(settings.chosenProvider(false)).isEqualTo(SmsSettings.Provider.NONE);
        assertThat(settings.wecan()).isEqualTo(new SmsSettings.Wecan(null, null, null, null));
    }

    @Test
    void theDevelopmentSwitchAndAnEmptyProviderBindAsComposePassesThem() {
        // docker-compose.yml passes WEWORK_SMS_PROVIDER and WECAN_* through, empty when the operator set nothing
        SmsSettings unset = bind(Map.of("WEWORK_SMS_PROVIDER", "", "WECAN_REST_URL", "", "WECAN_TOKEN", "",
                "WEWORK_SMS_ALLOW_LOG_SENDER", "false"), Map.of());
        assertThat(unset.provider()).isNull();
        assertThat(unset.chosenProvider(false)).isEqualTo(SmsSettings.Provider.NONE);
        SmsSettings dev = bind(Map.of("WEWORK_SMS_PROVIDER", "log", "WEWORK_SMS_ALLOW_LOG_SENDER", "true"), Map.of());
        assertThat(dev.chosenProvider(false)).isEqualTo(SmsSettings.Provider.LOG);
        assertThat(dev.allowLogSender()).isTrue();
        assertThat(bind(Map.of(), Map.of("wework.sms.provider", "none")).chosenProvider(true)).isEqualTo(SmsSettings.Provider.NONE);
    }

    @Test
    void springsNamesWinAndTheProviderIsReadAsWritten() {
        SmsSettings settings = bind(Map.of("WECAN_REST_URL", "https://original", "WEWORK_SMS_TIMEOUT", "2s"),
                Map.of("wework.sms.wecan.url", "https://spring", "wework.sms.provider", "log"));
        assertThat(settings.wecan().url()).isEqualTo("https://spring");
        assertThat(settings.chosenProvider(false)).isEqualTo(SmsSettings.Provider.LOG);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThatThrownBy(() -> bind(Map.of(), Map.of("wework.sms.provider", "carrier-pigeon")))
                .isInstanceOf(BindException.class).hasMessageContaining("wework.sms.provider");
    }
}
