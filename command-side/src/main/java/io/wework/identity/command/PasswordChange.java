package io.wework.identity.command;

import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.ChangePasswordCommand;
import io.wework.platform.messaging.CommandSender;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * A user changes their password, proving the current one. Every other session ends; the caller's
 * session goes on with a new token pair.
 */
@Component
public class PasswordChange {

    private final CommandSender commands;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final Clock clock;

    public PasswordChange(CommandSender commands, PasswordHasher passwords, TokenIssuer tokens, Clock clock) {
        this.commands = commands;
        this.passwords = passwords;
        this.tokens = tokens;
        this.clock = clock;
    }

    public TokenIssuer.Tokens change(io.wework.platform.security.AuthenticatedUser caller, String currentPassword,
                                     String newPassword) {
        String newHash = passwords.hash(newPassword);
        TokenIssuer.RefreshToken refreshToken = caller.sessionId() != null
                ? tokens.nextInSession(caller.userId(), caller.sessionId())
                : tokens.newSession(caller.userId());
        AuthenticatedUser user = commands.send(new ChangePasswordCommand(caller.userId(), currentPassword, newHash,
                refreshToken.sessionId(), refreshToken.hash()));
        // the new access token must not look older than the change that invalidated the old ones
        return tokens.issue(user, refreshToken, clock.instant().plusSeconds(1));
    }
}
