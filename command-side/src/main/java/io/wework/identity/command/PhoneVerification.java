package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.UserView;
import io.wework.identity.api.VerifyPhoneCommand;
import io.wework.platform.messaging.CommandSender;
import org.springframework.stereotype.Component;

/**
 * The holder of an account proves the account's phone number ({@code POST /api/auth/me/phone/verify}) with
 * a one-time code sent to it by {@code POST /api/auth/request-otp}; from then on the number logs into the
 * account (by code or password). Only the account's own number can be proved: a token alone cannot move
 * another number onto the account.
 */
@Component
public class PhoneVerification {

    private final OtpService otp;
    private final IdentityClaims claims;
    private final CommandSender commands;

    public PhoneVerification(OtpService otp, IdentityClaims claims, CommandSender commands) {
        this.otp = otp;
        this.claims = claims;
        this.commands = commands;
    }

    /**
     * @return the account after the proof; 409 {@code phone_not_on_account} (the code is then left alone),
     * 400 {@code invalid_otp} / {@code otp_attempts_exhausted}
     */
    public UserView verify(String userId, String phone, String code) {
        if (claims.findPhoneHolder(phone).filter(h -> h.userId().equals(userId)).isEmpty()) {
            throw IdentityErrors.phoneNotOnAccount();
        }
        switch (otp.verify(phone, code)) {
            case OK -> { }
            case EXHAUSTED -> throw new DomainException(DomainException.Kind.VALIDATION, "otp_attempts_exhausted",
                    "Too many wrong codes; request a new one");
            default -> throw new DomainException(DomainException.Kind.VALIDATION, "invalid_otp",
                    "The code is wrong or has expired");
        }
        return commands.send(new VerifyPhoneCommand(userId, phone));
    }
}
