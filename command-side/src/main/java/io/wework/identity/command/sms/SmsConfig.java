package io.wework.identity.command.sms;

import io.wework.platform.embedded.EmbeddedSettings;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link SmsSender} that {@link SmsSettings} chooses. Login codes go to the log only in the
 * embedded default ({@link EmbeddedSettings#active()}: the service started both PostgreSQL and Redis
 * itself, i.e. a developer's machine) or when {@code wework.sms.allow-log-sender=true} asks for it by
 * name; an explicit {@code wework.sms.provider=log} anywhere else stops the start. A deployment with no
 * gateway configured gets {@link NoSmsSender}: code requests answer 503, and the start says so.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SmsSettings.class, EmbeddedSettings.class})
public class SmsConfig {

    private static final Logger log = LoggerFactory.getLogger(SmsConfig.class);

    @Bean
    public SmsSender smsSender(SmsSettings settings, EmbeddedSettings embedded) {
        return choose(settings, embedded.active());
    }

    static SmsSender choose(SmsSettings settings, boolean embeddedDefault) {
        SmsSettings.Wecan wecan = settings.wecan();
        return switch (settings.chosenProvider(embeddedDefault)) {
            case WECAN -> {
                if (isBlank(wecan.url()) || isBlank(wecan.token())) {
                    throw new IllegalStateException("wework.sms.provider=wecan needs WECAN_REST_URL and WECAN_TOKEN "
                            + "(wework.sms.wecan.url, wework.sms.wecan.token)");
                }
                yield new WecanSmsSender(wecan.url(), wecan.token(), Objects.toString(wecan.fromNumber(), ""),
                        Objects.toString(wecan.otpTemplateId(), ""),
                        settings.timeout());
            }
            case LOG -> {
                if (!embeddedDefault && !settings.allowLogSender()) {
                    throw new IllegalStateException("wework.sms.provider=log writes every login code to the log, so it "
                            + "runs only in the embedded default or with wework.sms.allow-log-sender=true "
                            + "(WEWORK_SMS_ALLOW_LOG_SENDER, for development only). Configure the SMS gateway "
                            + "(WECAN_REST_URL and WECAN_TOKEN), or set wework.sms.provider=none to run without SMS");
                }
                if (!embeddedDefault) {
                    log.warn("wework.sms.allow-log-sender=true: login codes are written to the log (development only)");
                }
                yield new LogSmsSender();
            }
            case NONE -> {
                if (settings.provider() == SmsSettings.Provider.NONE) {
                    log.info("SMS is off (wework.sms.provider=none): POST /api/auth/request-otp answers 503 sms_unavailable");
                } else {
                    log.warn("{}: login codes cannot be sent, POST /api/auth/request-otp answers 503 sms_unavailable "
                            + "(wework.sms.provider=none says this is intended)", NoSmsSender.WHY);
                }
                yield new NoSmsSender();
            }
        };
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
