package io.wework.identity.projection;

import io.wework.identity.api.Role;
import java.time.Instant;

/**
 * What every authenticated request is checked against: is the account active, which role does it
 * have now, which tokens are too old. Kept in Redis as {@code active|role|notBeforeMillis}.
 */
public record AuthState(boolean active, Role role, long tokensNotBeforeMillis) {

    static AuthState of(UserEntity user) {
        Instant nb = user.getTokensNotBefore();
        return new AuthState(user.isActive(), user.getRole(), nb == null ? 0 : nb.toEpochMilli());
    }

    String encode() {
        return (active ? "1" : "0") + "|" + role.name() + "|" + tokensNotBeforeMillis;
    }

    static AuthState decode(String value) {
        String[] parts = value.split("\\|");
        return new AuthState("1".equals(parts[0]), Role.valueOf(parts[1]), Long.parseLong(parts[2]));
    }
}
