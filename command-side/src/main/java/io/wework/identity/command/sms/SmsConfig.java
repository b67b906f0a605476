package io.wework.identity.command.sms;

import java.util.Arrays;
import java.util.Objects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The {@link SmsSender} that {@link SmsSettings} chooses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsSettings.class)
public class SmsConfig {

    @Bean
    public SmsSender smsSender(Environment env, SmsSettings settings) {
        boolean production = Arrays.asList(env.getActiveProfiles()).contains("production");
        SmsSettings.Wecan wecan = settings.wecan();
        return switch (settings.chosenProvider()) {
            case WECAN -> {
                if (isBlank(wecan.url()) || isBlank(wecan.token())) {
                    throw new IllegalStateException("wework.sms.provider=wecan needs WECAN_REST_URL and WECAN_TOKEN "
                            + "(wework.sms.wecan.url, wework.sms.wecan.token)");
                }
                yield new WecanSmsSender(wecan.url(), wecan.token(), Objects.toString(wecan.fromNumber(), ""),
                        Objects.toString(wecan.otpTemplateId(), ""),
                        settings.timeout());
            }
            case LOG -> new LogSmsSender(production);
        };
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
