package io.wework.identity.command;

import io.wework.identity.api.AuthenticatedUser;
import io.wework.identity.api.IdentityErrors;
import io.wework.identity.api.LogOutCommand;
import io.wework.identity.api.RefreshSessionCommand;
import io.wework.platform.messaging.CommandSender;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A session after it started: refresh (each use rotates the refresh token; a spent one revokes the
 * whole session) and logout.
 */
@Component
public class Sessions {

    private final CommandSender commands;
    private final TokenIssuer tokens;

    public Sessions(CommandSender commands, TokenIssuer tokens) {
        this.commands = commands;
        this.tokens = tokens;
    }

    /** A new token pair for a live refresh token; 401 {@code invalid_refresh_token} for anything else. */
    public TokenIssuer.Tokens refresh(String presentedToken) {
        RefreshTokens.Parsed presented = RefreshTokens.parse(presentedToken).orElseThrow(IdentityErrors::invalidRefreshToken);
        TokenIssuer.RefreshToken next = tokens.nextInSession(presented.userId(), presented.sessionId());
        AuthenticatedUser user;
        try {
            user = commands.send(new RefreshSessionCommand(presented.userId(), presented.sessionId(), presented.hash(),
                    next.hash()), presented.userId());
        } catch (AggregateNotFoundException e) {
            throw IdentityErrors.invalidRefreshToken();
        }
        if (user == null) { // a spent token came back: the session was revoked as a whole
            throw IdentityErrors.invalidRefreshToken();
        }
        return tokens.issue(user, next, null);
    }

    /**
     * Ends the caller's session: the one of its access token, else the one of the refresh token it
     * presents (when that token is its own). Every access token of the session is refused from the next request on.
     */
    public void logout(io.wework.platform.security.AuthenticatedUser caller, String refreshToken) {
        String sessionId = caller.sessionId();
        if (sessionId == null && refreshToken != null) {
            sessionId = RefreshTokens.parse(refreshToken).filter(p -> p.userId().equals(caller.userId()))
                    .map(RefreshTokens.Parsed::sessionId).orElse(null);
        }
        commands.send(new LogOutCommand(caller.userId(), sessionId == null ? "none" : sessionId, caller.tokenId(),
                caller.expiresAt()));
    }
}
