package io.wework.identity.projection;

import io.wework.identity.api.Role;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every authenticated request is checked against: is the account active, which role does it have
 * now, which tokens are too old (a password change), which sessions have not ended. {@code version} is
 * the {@code users_view} row's version it was taken from, so a cached copy can tell whether it is older
 * than a change (see {@link AuthStateGuard}). Kept in Redis as
 * {@code version|active|ROLE|notBeforeMillis|sid,sid,…}.
 */
public record AuthState(long version, boolean active, Role role, long tokensNotBeforeMillis, Set<String> sessions) {

    public AuthState {
        sessions = Set.copyOf(sessions);
    }

    static AuthState of(UserEntity user) {
        Instant nb = user.getTokensNotBefore();
        return new AuthState(user.getVersion(), user.isActive(), user.getRole(), nb == null ? 0 : nb.toEpochMilli(),
                user.getSessions().ids());
    }

    /** The same answer for every token (whatever the version it was read at). */
    boolean sameAccess(AuthState other) {
        return other != null && active == other.active && role == other.role
                && tokensNotBeforeMillis == other.tokensNotBeforeMillis && sessions.equals(other.sessions);
    }

    String encode() {
        return version + "|" + (active ? "1" : "0") + "|" + role.name() + "|" + tokensNotBeforeMillis + "|"
                + String.join(",", new TreeSet<>(sessions));
    }

    static AuthState decode(String value) {
        String[] parts = value.split("\\|", -1);
        Set<String> sessions = parts[4].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(parts[4].split(",")));
        return new AuthState(Long.parseLong(parts[0]), "1".equals(parts[1]), Role.valueOf(parts[2]),
                Long.parseLong(parts[3]), sessions);
    }
}
