package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.RegisterUserCommand;
import io.wework.identity.api.ReleaseUnprovedPhoneCommand;
import io.wework.identity.api.Role;
import io.wework.identity.api.RoleView;
import io.wework.identity.api.UserView;
import io.wework.platform.id.Ids;
import io.wework.platform.messaging.CommandSender;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Creates accounts: by e-mail and password (sign-up), or phone-only (the first OTP login of a phone no
 * account has proved). A sign-up is first charged to its client address ({@link RegistrationThrottle});
 * a taken e-mail is refused before the password is hashed; the aggregate and the identity claims
 * refuse a taken e-mail or phone (409) whatever raced in between. A phone given at sign-up is held
 * unproved: it is no login until proved by a code sent to it.
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
        commands.send(new RegisterUserCommand(userId, normalizedEmail, phone, false, name, passwordHash));
        return new UserView(userId, normalizedEmail, phone, name, null, null, null, RoleView.of(Role.USER), true);
    }

    /** How often a proof retries when someone claims the phone unproved again between its two steps. */
    static final int PROOF_ATTEMPTS = 3;
    /** The actor of the release an owner's proof causes. */
    static final String PHONE_PROOF_ACTOR = "system:phone_proof";

    /**
     * The account that {@code phone}, just proved by a one-time code, logs into: the account that proved it
     * before, else a new phone-only account (no e-mail invented, no password). An account that holds the
     * phone unproved (given at someone's sign-up, or by an admin) loses it first
     * ({@code user.phone_released}): holding a number is no proof of owning it. When another request proved
     * the same phone at the same moment, that account is the answer.
     *
     * @return the id of the account that holds the phone, proved
     */
    public String accountForProvedPhone(String phone, String fullName) {
        DomainException lost = IdentityErrors.phoneTaken();
        for (int attempt = 0; attempt < PROOF_ATTEMPTS; attempt++) {
            Optional<IdentityClaims.PhoneHolder> holder = claims.findPhoneHolder(phone);
            if (holder.isPresent() && holder.get().proved()) {
                return holder.get().userId();
            }
            if (holder.isPresent()) {
                Boolean heldProved = commands.sendAs(new ReleaseUnprovedPhoneCommand(holder.get().userId(), phone,
                        "proved_by_another_account"), PHONE_PROOF_ACTOR);
                if (Boolean.TRUE.equals(heldProved)) {
                    return holder.get().userId(); // its own events say it proved the phone (a claim stored unproved)
                }
            }
            String userId = Ids.newId();
            try {
                commands.send(new RegisterUserCommand(userId, null, phone, true, Text.blankToNull(fullName), null));
                return userId;
            } catch (DomainException e) {
                if (!"phone_taken".equals(e.code())) {
                    throw e;
                }
                lost = e; // proved or claimed again meanwhile: look again
            }
        }
        throw lost;
    }
}
