package io.wework.identity.command.sms;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * {@code wework.sms.*}: which gateway sends the login codes. The original's {@code WECAN_*}
 * environment names feed {@code wework.sms.wecan.*} ({@link WecanEnvNames}).
 *
 * @param provider wecan (the original's gateway), log (writes the code and the phone's last 4 digits to the log: only in the embedded default or with wework.sms.allow-log-sender=true, else the service refuses to start) or none (no SMS: code requests answer 503 sms_unavailable); unset: wecan when wework.sms.wecan.url is set, else log in the embedded default, else none
 * @param allowLogSender let the log provider run outside the embedded default (development only: every login code goes to the log)
 * @param timeout connect and request timeout of the SMS gateway
 * @param wecan the WeCan gateway
 */
@Validated
@ConfigurationProperties("wework.sms")
public record SmsSettings(Provider provider,
                          @DefaultValue("false") boolean allowLogSender,
                          @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration timeout,
                          @DefaultValue @NotNull Wecan wecan) {

    public enum Provider { WECAN, LOG, NONE }

    /**
     * The provider to use: the one set, else WeCan when its URL is set, else the log in the embedded
     * default (a developer's machine) and none anywhere else, so that a deployment that forgot its
     * gateway never writes login codes to its logs.
     */
    public Provider chosenProvider(boolean embeddedDefault) {
        if (provider != null) {
            return provider;
        }
        if (StringUtils.hasText(wecan.url())) {
            return Provider.WECAN;
        }
        return embeddedDefault ? Provider.LOG : Provider.NONE;
    }

    /**
     * The original's SMS gateway.
     *
     * @param url base URL of the gateway: POST {url}/sms/pattern-send, or {url}/sms/send without a template (env WECAN_REST_URL)
     * @param token sent as the token header (env WECAN_TOKEN)
     * @param fromNumber the sender number (env WECAN_FROM_NUMBER)
     * @param otpTemplateId the gateway's pattern for login codes; unset: a plain text message (env WECAN_OTP_TEMPLATE_ID)
     */
    public record Wecan(String url, String token, String fromNumber, String otpTemplateId) {
    }
}
