package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.StartSessionCommand;
import io.wework.platform.messaging.CommandSender;
import org.springframework.stereotype.Component;

/**
 * Login by phone with a one-time SMS code. A right code proves the phone and starts a session of the
 * account that proved it; a phone no account has proved first becomes a phone-only account
 * ({@link Registration#accountForProvedPhone}). An account that merely holds the phone unproved is never
 * logged into.
 */
@Component
public class OtpLogin {

    /** What {@code request-otp} tells the client: how long the code lives, and whether the phone is new. */
    public record CodeSent(long expiresInSeconds, boolean newUser) {
    }

    private final OtpService otp;
    private final IdentityClaims claims;
    private final Registration registration;
    private final CommandSender commands;
    private final TokenIssuer tokens;

    public OtpLogin(OtpService otp, IdentityClaims claims, Registration registration, CommandSender commands,
                    TokenIssuer tokens) {
        this.otp = otp;
        this.claims = claims;
        this.registration = registration;
        this.commands = commands;
        this.tokens = tokens;
    }

    /**
     * Sends a code (throttled per phone and per client address; 503 when the SMS gateway fails). The phone
     * is new when no account has proved it: its OTP login will create one.
     */
    public CodeSent requestCode(String phone, String clientAddress) {
        boolean newUser = claims.findLoginByPhone(phone).isEmpty();
        otp.send(phone, clientAddress);
        return new CodeSent(otp.ttl().toSeconds(), newUser);
    }

    /** @param fullName the name of the account created when the phone is unknown (optional) */
    public TokenIssuer.Tokens login(String phone, String code, String fullName) {
        switch (otp.verify(phone, code)) {
            case OK -> { }
            case EXHAUSTED -> throw new DomainException(DomainException.Kind.UNAUTHORIZED, "otp_attempts_exhausted",
                    "Too many wrong codes; request a new one");
            default -> throw new DomainException(DomainException.Kind.UNAUTHORIZED, "invalid_otp",
                    "The code is wrong or has expired");
        }
        String userId = registration.accountForProvedPhone(phone, fullName);
        TokenIssuer.RefreshToken refreshToken = tokens.newSession(userId);
        AuthenticatedUser user = commands.send(new StartSessionCommand(userId, "otp", refreshToken.sessionId(),
                refreshToken.hash()), userId);
        return tokens.issue(user, refreshToken, null);
    }
}
