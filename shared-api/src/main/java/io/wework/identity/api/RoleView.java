package io.wework.identity.api;

/** {@code role:{name, title}} as WeWork's clients read it. */
public record RoleView(String name, String title) {

    public static RoleView of(Role role) {
        return new RoleView(role.wireName(), role.title());
    }
}
