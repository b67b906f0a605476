package io.wework.identity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes the password, ends every other session and rotates the caller's. The current password was
 * checked on the node that received it and never travels: {@code checkedHashDigest} is the SHA-256
 * (base64url) of the stored hash it was checked against, refused when that is no longer the
 * account's hash. {@code newPasswordHash} is the BCrypt hash of the new password.
 */
public record ChangePasswordCommand(@TargetAggregateIdentifier String userId, String checkedHashDigest, String newPasswordHash,
                                    String sessionId, String newRefreshTokenHash) {

    @Override
    public String toString() {
        return "ChangePasswordCommand[userId=" + userId + ", sessionId=" + sessionId + "]";
    }
}
