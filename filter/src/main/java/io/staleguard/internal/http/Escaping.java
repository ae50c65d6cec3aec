package io.staleguard.internal.http;

import java.util.function.IntFunction;

/** Escaping for the bodies Staleguard writes: one loop; each format says what replaces which character. */
final class Escaping {

    private Escaping() {
    }

    /**
     * @param replacement the text that stands for a character, or null to keep it
     * @return {@code s} with every character that has a replacement replaced ({@code s} itself when none has)
     */
    static String escape(String s, IntFunction<String> replacement) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replaced = replacement.apply(c);
            if (replaced != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (replaced != null) {
                    b.append(replaced);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
