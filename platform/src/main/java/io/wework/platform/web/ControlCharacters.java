package io.wework.platform.web;

/**
 * The one rule for text a client sends, applied at the edge to every JSON string
 * ({@link ControlCharacterJsonModule}) and every form or query parameter
 * ({@link ControlCharacterFilter}): a value may not hold
 * <ul>
 *   <li>a C0 control character (U+0000–U+001F) other than tab, line feed and carriage return —
 *       NUL above all, which PostgreSQL {@code text} and {@code jsonb} cannot store;</li>
 *   <li>DEL (U+007F) or a C1 control character (U+0080–U+009F);</li>
 *   <li>an unpaired surrogate (not a character at all: it would be stored as {@code ?}).</li>
 * </ul>
 * Tab, line feed and carriage return are allowed everywhere: multi-line fields (a bio) need them,
 * and single-line fields that must not hold whitespace (e-mail, username, phone, tokens) already
 * refuse it with their own patterns. Format characters (Unicode category Cf) are allowed: the
 * zero-width non-joiner (U+200C) is part of ordinary Persian spelling.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The index of the first character {@code text} may not hold, or -1. */
    public static int firstRefused(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} with every character the rule refuses replaced by U+FFFD (for text a server writes, such as an error message). */
    public static String replaceRefused(String text) {
        int refused = firstRefused(text);
        if (refused < 0) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length()).append(text, 0, refused);
        for (int i = refused; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else {
                clean.append(firstRefused(String.valueOf(c)) < 0 ? c : '\uFFFD');
            }
        }
        return clean.toString();
    }

    /** The problem's detail for {@code field}, whose value holds a refused character at {@code index}. */
    static String detail(String field, CharSequence value, int index) {
        return String.format("Field '%s' contains a character that is not allowed (U+%04X at position %d): "
                + "control characters other than tab, line feed and carriage return, and unpaired surrogates, are refused",
                field, (int) value.charAt(index), index);
    }
}
