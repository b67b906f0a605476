package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Checks a password against the user's current credentials, records the login and opens a session. The clear
 * password lives only in this in-flight message; it is never stored nor logged.
 */
public record AuthenticateUserCommand(@TargetAggregateIdentifier String userId, String password, String method,
                                      String sessionId, String refreshTokenHash) {

    @Override
    public String toString() {
        return "AuthenticateUserCommand[userId=" + userId + ", method=" + method + "]";
    }
}
