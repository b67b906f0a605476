package io.wework.identity.command;

import io.wework.common.api.DomainException;
import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.ChangePasswordCommand;
import io.wework.platform.messaging.CommandSender;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * A user changes their password, proving the current one. The attempt first takes its place in
 * {@link PasswordChangeThrottle} (per account and per client address, atomically); the current
 * password is checked here, on the node that received it ({@link PasswordCheck}), and the command
 * carries only the digest of the hash it matched and the new password's hash. Every other session
 * ends; the caller's session goes on with a new token pair.
 */
@Component
public class PasswordChange {

    private final CommandSender commands;
    private final PasswordHasher hasher;
    private final PasswordCheck passwords;
    private final PasswordChangeThrottle throttle;
    private final TokenIssuer tokens;
    private final Clock clock;

    public PasswordChange(CommandSender commands, PasswordHasher hasher, PasswordCheck passwords,
                          PasswordChangeThrottle throttle, TokenIssuer tokens, Clock clock) {
        this.commands = commands;
        this.hasher = hasher;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.clock = clock;
    }

    public TokenIssuer.Tokens change(io.wework.platform.security.AuthenticatedUser caller, String currentPassword,
                                     String newPassword, String clientAddress) {
        hasher.requireHashable(newPassword);
        PasswordChangeThrottle.Attempt attempt = throttle.begin(caller.userId(), clientAddress);
        try {
            PasswordCheck.Result checked = passwords.check(caller.userId(), currentPassword);
            if (!checked.matches()) {
                attempt.failed();
                throw wrongCurrentPassword();
            }
            String newHash = hasher.hash(newPassword);
            TokenIssuer.RefreshToken refreshToken = caller.sessionId() != null
                    ? tokens.nextInSession(caller.userId(), caller.sessionId())
                    : tokens.newSession(caller.userId());
            AuthenticatedUser user;
            try {
                user = commands.send(new ChangePasswordCommand(caller.userId(), checked.checkedHashDigest(), newHash,
                        refreshToken.sessionId(), refreshToken.hash()));
            } catch (DomainException e) {
                if ("wrong_current_password".equals(e.code())) {
                    attempt.failed(); // changed by another request since the check
                }
                throw e;
            }
            attempt.succeeded();
            // the new access token must not look older than the change that invalidated the old ones
            return tokens.issue(user, refreshToken, clock.instant().plusSeconds(1));
        } finally {
            attempt.cancel(); // no effect once the attempt was settled above
        }
    }

    static DomainException wrongCurrentPassword() {
        return new DomainException(DomainException.Kind.VALIDATION, "wrong_current_password",
                "The current password is not correct");
    }
}
