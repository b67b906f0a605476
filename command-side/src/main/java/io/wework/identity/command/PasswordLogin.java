package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.common.api.TooManyRequestsException;
import io.wework.identity.api.AuthenticateUserCommand;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.LockOutUserCommand;
import io.wework.platform.messaging.CommandSender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Login by e-mail or phone and password; a phone only once proved by a code (an unproved phone is an
 * unknown name). The attempt first takes its place in the throttle (per
 * login name and per client address, atomically: at most the limit of parallel attempts get further).
 * The password is then checked here, on the node that received it ({@link PasswordCheck}: one BCrypt
 * check on every path, unknown names and accounts without a password included, all answered by the
 * same 401), and the command that records the login carries no secret. The failure that reaches the
 * per-account limit also locks the account until the window ends.
 */
@Component
public class PasswordLogin {

    private final CommandSender commands;
    private final IdentityClaims claims;
    private final PasswordCheck passwords;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final Clock clock;

    public PasswordLogin(CommandSender commands, IdentityClaims claims, PasswordCheck passwords, LoginThrottle throttle,
                         TokenIssuer tokens, Clock clock) {
        this.commands = commands;
        this.claims = claims;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** @param username the e-mail address or the phone number */
    public TokenIssuer.Tokens login(String username, String password, String clientAddress) {
        String login = Text.lower(username);
        LoginThrottle.Attempt attempt = throttle.begin(login, clientAddress);
        try {
            Optional<String> userId = login.matches(Requests.PHONE)
                    ? claims.findLoginByPhone(login)
                    : claims.findUserId(IdentityClaims.Type.EMAIL, login);
            PasswordCheck.Result checked = passwords.check(userId.orElse(null), password);
            Instant now = clock.instant();
            if (checked.lockedAt(now)) { // not a password failure: the attempt is given back below
                throw new TooManyRequestsException("account_locked", "Too many failed logins; try again later",
                        Duration.between(now, checked.lockedUntil()).toSeconds() + 1);
            }
            if (!checked.matches()) {
                throw failed(attempt, userId.orElse(null));
            }
            String id = userId.get();
            TokenIssuer.RefreshToken refreshToken = tokens.newSession(id);
            AuthenticatedUser user;
            try {
                user = commands.send(new AuthenticateUserCommand(id, checked.checkedHashDigest(), "password",
                        refreshToken.sessionId(), refreshToken.hash()), id);
            } catch (DomainException e) {
                // the password changed between the check and the command: a wrong password after all
                throw "bad_credentials".equals(e.code()) ? failed(attempt, id) : e;
            }
            attempt.succeeded();
            return tokens.issue(user, refreshToken, null);
        } finally {
            attempt.cancel(); // no effect once the attempt was settled above
        }
    }

    /** Counts the failure, locks a known account when it reaches the limit, and answers 401. */
    private DomainException failed(LoginThrottle.Attempt attempt, String userId) {
        long failures = attempt.failed();
        if (userId != null && failures >= throttle.maxPerAccount()) {
            commands.send(new LockOutUserCommand(userId, clock.instant().plus(throttle.window()), (int) failures), userId);
        }
        return IdentityErrors.badCredentials();
    }
}
