package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.UserView;
import io.wework.platform.id.Ids;
import io.wework.platform.messaging.CommandSender;
import org.springframework.stereotype.Component;

/**
 * Creates accounts: by e-mail and password (sign-up), or phone-only (the first OTP login of an
 * unknown phone). A sign-up is first charged to its client address ({@link RegistrationThrottle});
 * a taken e-mail is refused before the password is hashed; the aggregate and the identity claims
 * refuse a taken e-mail or phone (409) whatever raced in between.
 */
@Component
public class Registration {

    private final CommandSender commands;
    private final IdentityClaims claims;
    private final PasswordHasher passwords;
    private final RegistrationThrottle throttle;

    public Registration(CommandSender commands, IdentityClaims claims, PasswordHasher passwords,
                        RegistrationThrottle throttle) {
        this.commands = commands;
        this.claims = claims;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** The new account, as the read model now shows it; the role is always {@code user}. */
    public UserView register(String email, String password, String fullName, String phoneNumber, String clientAddress) {
        passwords.requireHashable(password);
        throttle.charge(clientAddress);
        String normalizedEmail = Text.lower(email);
        if (claims.isTaken(IdentityClaims.Type.EMAIL, normalizedEmail)) {
            throw IdentityErrors.emailTaken(); // before the hash; the aggregate still decides races
        }
        String passwordHash = passwords.hash(password);
        String userId = Ids.newId();
        String name = Text.blankToNull(fullName);
        String phone = Text.blankToNull(phoneNumber);
        commands.send(new RegisterUserCommand(userId, normalizedEmail, phone, name, passwordHash));
        return new UserView(userId, normalizedEmail, phone, name, null, null, null, RoleView.of(Role.USER), true);
    }

    /**
     * A phone-only account (no e-mail invented, no password). When another request registered the
     * same phone at the same moment, that account is the answer.
     *
     * @return the id of the account that holds the phone
     */
    public String registerByPhone(String phone, String fullName) {
        String userId = Ids.newId();
        try {
            commands.send(new RegisterUserCommand(userId, null, phone, Text.blankToNull(fullName), null));
            return userId;
        } catch (DomainException e) {
            if ("phone_taken".equals(e.code())) {
                return claims.findUserId(IdentityClaims.Type.PHONE, phone).orElseThrow(() -> e);
            }
            throw e;
        }
    }
}
