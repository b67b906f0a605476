package io.wework.identity.command.sms;

import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code wework.sms.provider}: {@code wecan} (the original's gateway, settings {@code WECAN_*}) or
 * {@code log} (embedded default; refused in the {@code production} profile). Default: {@code wecan}
 * when {@code WECAN_REST_URL} is set, else {@code log}.
 */
@Configuration(proxyBeanMethods = false)
public class SmsConfig {

    @Bean
    public SmsSender smsSender(Environment env,
                               @Value("${wework.sms.provider:}") String provider,
                               @Value("${WECAN_REST_URL:}") String url,
                               @Value("${WECAN_TOKEN:}") String token,
                               @Value("${WECAN_FROM_NUMBER:}") String from,
                               @Value("${WECAN_OTP_TEMPLATE_ID:}") String template,
                               @Value("${wework.sms.timeout:5s}") Duration timeout) {
        String chosen = provider.isBlank() ? (url.isBlank() ? "log" : "wecan") : provider;
        boolean production = Arrays.asList(env.getActiveProfiles()).contains("production");
        return switch (chosen) {
            case "wecan" -> {
                if (url.isBlank() || token.isBlank()) {
                    throw new IllegalStateException("wework.sms.provider=wecan needs WECAN_REST_URL and WECAN_TOKEN");
                }
                yield new WecanSmsSender(url, token, from, template, timeout);
            }
            case "log" -> new LogSmsSender(production);
            default -> throw new IllegalStateException("Unknown wework.sms.provider: " + chosen);
        };
    }
}
