package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Checks a password against the user's current credentials and records the login. The clear
 * password lives only in this in-flight message; it is never stored nor logged.
 */
public record AuthenticateUserCommand(@TargetAggregateIdentifier String userId, String password, String method) {

    @Override
    public String toString() {
        return "AuthenticateUserCommand[userId=" + userId + ", method=" + method + "]";
    }
}
