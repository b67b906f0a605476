package io.wework.identity.command.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's "SMS gateway": one log line with the last four digits of the phone and
 * the code. Refuses to exist in the {@code production} profile.
 */
public class LogSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

    public LogSmsSender(boolean production) {
        if (production) {
            throw new IllegalStateException("The log SMS sender must not run in production: set WECAN_REST_URL "
                    + "and WECAN_TOKEN (wework.sms.provider=wecan)");
        }
    }

    @Override
    public void sendOtp(String phoneNumber, String code) {
        String tail = phoneNumber.length() <= 4 ? phoneNumber : phoneNumber.substring(phoneNumber.length() - 4);
        log.info("OTP for phone ending {}: {}", tail, code);
    }
}
