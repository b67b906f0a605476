package io.wework.identity.command.sms;

/**
 * No SMS gateway: every code request fails as a delivery failure (503 {@code sms_unavailable},
 * nothing kept). What a deployment without {@code WECAN_*} gets, instead of codes in its log.
 */
public class NoSmsSender implements SmsSender {

    static final String WHY = "No SMS gateway is configured (set WECAN_REST_URL and WECAN_TOKEN)";

    @Override
    public void sendOtp(String phoneNumber, String code) {
        throw new SmsDeliveryException(WHY, null);
    }
}
