package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the password (the current one must match), ends every other session and rotates the caller's. */
public record ChangePasswordCommand(@TargetAggregateIdentifier String userId, String currentPassword, String newPasswordHash,
                                    String sessionId, String newRefreshTokenHash) {

    @Override
    public String toString() {
        return "ChangePasswordCommand[userId=" + userId + ", sessionId=" + sessionId + "]";
    }
}
