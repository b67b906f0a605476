package io.wework.identity.api;

import java.time.Instant;

/** A user as admins list them: {@code UserOut} plus {@code created_at}. */
public record AdminUserView(String id, String email, String phoneNumber, String fullName, String username, String bio,
                            String avatar, RoleView role, boolean isActive, Instant createdAt) {
}
