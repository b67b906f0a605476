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
 * @param provider wecan (the original's gateway) or log (writes the code and the phone's last 4 digits to the log; refused in the production profile); unset: wecan when wework.sms.wecan.url is set, else log
 * @param timeout connect and request timeout of the SMS gateway
 * @param wecan the WeCan gateway
 */
@Validated
@ConfigurationProperties("wework.sms")
public record SmsSettings(Provider provider,
                          @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration timeout,
                          @DefaultValue @NotNull Wecan wecan) {

    public enum Provider { WECAN, LOG }

    /** The provider to use: the one set, else WeCan when its URL is set, else the log. */
    public Provider chosenProvider() {
        if (provider != null) {
            return provider;
        }
        return StringUtils.hasText(wecan.url()) ? Provider.WECAN : Provider.LOG;
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
