package io.wework.identity.command.sms;

/** Sends one-time login codes by SMS. */
public interface SmsSender {

    /** @throws SmsDeliveryException when the gateway did not accept the message */
    void sendOtp(String phoneNumber, String code);

    class SmsDeliveryException extends RuntimeException {
        public SmsDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
