package io.wework.identity.command.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's "SMS gateway": one log line with the last four digits of the phone and
 * the code. {@link SmsConfig} builds it only in the embedded default or when
 * {@code wework.sms.allow-log-sender=true} says a developer wants it.
 */
public class LogSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

    @Override
    public void sendOtp(String phoneNumber, String code) {
        String tail = phoneNumber.length() <= 4 ? phoneNumber : phoneNumber.substring(phoneNumber.length() - 4);
        log.info("OTP for phone ending {}: {}", tail, code);
    }
}
