package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a login whose password the node that received it has already checked, and opens a
 * session. The password itself never travels: {@code checkedHashDigest} is the SHA-256 (base64url)
 * of the stored password hash the password was checked against, and the aggregate refuses the login
 * as a wrong password when that is no longer its hash (the password changed in between).
 */
public record AuthenticateUserCommand(@TargetAggregateIdentifier String userId, String checkedHashDigest, String method,
                                      String sessionId, String refreshTokenHash) {

    @Override
    public String toString() {
        return "AuthenticateUserCommand[userId=" + userId + ", method=" + method + "]";
    }
}
