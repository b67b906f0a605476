package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.LockOutUserCommand;
import io.wework.platform.messaging.CommandSender;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Login by e-mail or phone and password; a phone only once proved by a code (an unproved phone is an
 * unknown name). Throttled per login name and per client address; an
 * unknown name costs the same BCrypt check as a known one and gets the same 401; the failure that
 * reaches the per-account limit also locks the account until the window ends.
 */
@Component
public class PasswordLogin {

    private final CommandSender commands;
    private final IdentityClaims claims;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final Clock clock;
    /** A hash of a random string, checked when the user is unknown so that timing tells nothing. */
    private final String dummyHash;

    public PasswordLogin(CommandSender commands, IdentityClaims claims, PasswordEncoder passwordEncoder,
                         LoginThrottle throttle, TokenIssuer tokens, Clock clock) {
        this.commands = commands;
        this.claims = claims;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.tokens = tokens;
        this.clock = clock;
        this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    /** @param username the e-mail address or the phone number */
    public TokenIssuer.Tokens login(String username, String password, String clientAddress) {
        String login = Text.lower(username);
        throttle.checkAllowed(login, clientAddress);
        Optional<String> userId = login.matches(Requests.PHONE)
                ? claims.findLoginByPhone(login)
                : claims.findUserId(IdentityClaims.Type.EMAIL, login);
        if (userId.isEmpty()) {
            passwordEncoder.matches(password, dummyHash);
            throttle.recordFailure(login, clientAddress);
            throw IdentityErrors.badCredentials();
        }
        String id = userId.get();
        TokenIssuer.RefreshToken refreshToken = tokens.newSession(id);
        try {
            AuthenticatedUser user = commands.send(new AuthenticateUserCommand(id, password, "password",
                    refreshToken.sessionId(), refreshToken.hash()), id);
            throttle.reset(login);
            return tokens.issue(user, refreshToken, null);
        } catch (DomainException e) {
            if ("bad_credentials".equals(e.code())) {
                long failures = throttle.recordFailure(login, clientAddress);
                if (failures >= throttle.maxPerAccount()) {
                    commands.send(new LockOutUserCommand(id, clock.instant().plus(throttle.window()), (int) failures), id);
                }
            }
            throw e;
        }
    }
}
