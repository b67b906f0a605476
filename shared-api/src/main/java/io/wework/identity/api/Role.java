package io.wework.identity.api;

import java.util.Arrays;
import java.util.Optional;

/** The roles of WeWork, with their wire names and (Persian) titles. */
public enum Role {
    USER("user", "کاربر"),
    ADMIN("admin", "ادمین"),
    SUPER_ADMIN("super_admin", "سوپر ادمین");

    private final String wireName;
    private final String title;

    Role(String wireName, String title) {
        this.wireName = wireName;
        this.title = title;
    }

    public String wireName() {
        return wireName;
    }

    public String title() {
        return title;
    }

    public boolean isAdmin() {
        return this == ADMIN || this == SUPER_ADMIN;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
