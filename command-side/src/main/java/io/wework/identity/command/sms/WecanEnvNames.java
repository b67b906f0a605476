package io.wework.identity.command.sms;

import io.wework.platform.embedded.OriginalEnvNames;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;

/** The original's {@code WECAN_*} environment names, read as {@code wework.sms.wecan.*} ({@link SmsSettings}). */
public class WecanEnvNames implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "wework-original-names-sms";

    /** Spring name → original name. */
    static final Map<String, String> ALIASES = Map.of(
            "wework.sms.wecan.url", "WECAN_REST_URL",
            "wework.sms.wecan.token", "WECAN_TOKEN",
            "wework.sms.wecan.from-number", "WECAN_FROM_NUMBER",
            "wework.sms.wecan.otp-template-id", "WECAN_OTP_TEMPLATE_ID");

    @Override
    public void postProcessEnvironment(org.springframework.core.env.ConfigurableEnvironment environment,
                                       SpringApplication application) {
        OriginalEnvNames.register(environment, SOURCE_NAME, ALIASES);
    }
}
