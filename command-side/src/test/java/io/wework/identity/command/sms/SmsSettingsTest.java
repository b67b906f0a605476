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
        assertThat(settings.chosenProvider()).isEqualTo(SmsSettings.Provider.WECAN);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withoutAGatewayTheLogIsChosen() {
        SmsSettings settings = bind(Map.of(), Map.of());
        assertThat(settings.provider()).isNull();
        assertThat(settings.chosenProvider()).isEqualTo(SmsSettings.Provider.LOG);
        assertThat(settings.wecan()).isEqualTo(new SmsSettings.Wecan(null, null, null, null));
    }

    @Test
    void springsNamesWinAndTheProviderIsReadAsWritten() {
        SmsSettings settings = bind(Map.of("WECAN_REST_URL", "https://original", "WEWORK_SMS_TIMEOUT", "2s"),
                Map.of("wework.sms.wecan.url", "https://spring", "wework.sms.provider", "log"));
        assertThat(settings.wecan().url()).isEqualTo("https://spring");
        assertThat(settings.chosenProvider()).isEqualTo(SmsSettings.Provider.LOG);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownProviderIsRefused() {
        assertThatThrownBy(() -> bind(Map.of(), Map.of("wework.sms.provider", "carrier-pigeon")))
                .isInstanceOf(BindException.class).hasMessageContaining("wework.sms.provider");
    }
}
