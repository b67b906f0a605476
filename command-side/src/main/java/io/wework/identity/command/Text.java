package io.wework.identity.command;

import java.util.Locale;

/** How the identity use cases normalise what a client typed. */
final class Text {

    private Text() {
    }

    /** Trimmed and lower-cased: e-mail addresses, usernames, login names. */
    static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** Trimmed, or null when nothing is left. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
