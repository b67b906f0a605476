package io.wework.identity.api;

/**
 * WeWork's {@code UserOut}: {@code {id, email, phone_number, full_name, username, bio, avatar,
 * role:{name, title}, is_active}} (the HTTP layer writes component names in snake_case).
 */
public record UserView(
        String id,
        String email,
        String phoneNumber,
        String fullName,
        String username,
        String bio,
        String avatar,
        RoleView role,
        boolean isActive) {
}
