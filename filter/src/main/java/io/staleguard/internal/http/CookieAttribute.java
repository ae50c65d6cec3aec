package io.staleguard.internal.http;

import java.util.Locale;

/**
 * One attribute of a {@code Set-Cookie} header or of a configured cookie: {@code name=value}, or a bare {@code name}
 * with an empty value, as RFC 6265 §5.2 splits it.
 *
 * @param name the attribute's name, trimmed and lower-cased ({@code max-age}, {@code samesite}, …)
 * @param value the attribute's value, trimmed; empty for a bare name
 */
record CookieAttribute(String name, String value) {

    /** @param part the text between two {@code ;} of the header */
    static CookieAttribute parse(String part) {
        String attribute = part.trim();
        int eq = attribute.indexOf('=');
        return new CookieAttribute((eq < 0 ? attribute : attribute.substring(0, eq)).trim().toLowerCase(Locale.ROOT),
                eq < 0 ? "" : attribute.substring(eq + 1).trim());
    }
}
