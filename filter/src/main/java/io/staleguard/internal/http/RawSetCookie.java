package io.staleguard.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.staleguard.internal.rolling.SessionCookieGate;

/**
 * A raw {@code Set-Cookie} value the application wrote, read as a browser reads it (RFC 6265 §5.2,
 * {@link CookieDates}): its cookie's value and lifetime, and the same header clamped to a shorter lifetime (R6) for
 * {@link SessionCookieGate}.
 */
public final class RawSetCookie {

    private final String header;
    private final String[] parts;
    private final String value;
    /** The last readable Max-Age, or null. */
    private final Long maxAge;
    /** The last readable Expires, or null. */
    private final Instant expires;

    public RawSetCookie(String header) {
        this.header = header;
        this.parts = header.split(";", -1);
        this.value = unquote(parts[0].substring(parts[0].indexOf('=') + 1).trim());
        // As a browser reads them (RFC 6265 §5.2): an attribute whose value cannot be read is ignored, and of each
        // kind the last readable one counts. An unreadable date is not a lifetime, and never becomes one.
        Long readMaxAge = null;
        Instant readExpires = null;
        for (int i = 1; i < parts.length; i++) {
            CookieAttribute attribute = CookieAttribute.parse(parts[i]);
            if (attribute.name().equals("max-age")) {
                Long read = parseMaxAge(attribute.value());
                readMaxAge = read != null ? read : readMaxAge;
            } else if (attribute.name().equals("expires")) {
                Instant read = CookieDates.parse(attribute.value());
                readExpires = read != null ? read : readExpires;
            }
        }
        this.maxAge = readMaxAge;
        this.expires = readExpires;
    }

    /** @return the cookie's value, unquoted */
    public String value() {
        return value;
    }

    /** @return whether this deletes the cookie: an empty value, a Max-Age of 0 or less, or an Expires by {@code now} */
    public boolean isDeletion(Instant now) {
        return value.isEmpty() || (maxAge != null && maxAge <= 0)
                || (maxAge == null && expires != null && !expires.isAfter(now));
    }

    /** @return whether the cookie has no lifetime: a browser-session cookie */
    public boolean isBrowserSession() {
        return maxAge == null && expires == null;
    }

    /** @return the cookie's lifetime in seconds from {@code now}; Max-Age wins over Expires, as in every browser */
    public long lifetimeSeconds(Instant now) {
        return maxAge != null ? maxAge : Math.max(0, Duration.between(now, expires).getSeconds());
    }

    /** @return the header with its lifetime set to {@code cap} seconds from {@code now}, other attributes kept */
    public String clampedTo(long cap, Instant now) {
        StringBuilder out = new StringBuilder(header.length() + 32).append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            String lower = attribute.toLowerCase(Locale.ROOT);
            if (lower.startsWith("max-age")) {
                continue;
            }
            if (lower.startsWith("expires")) {
                out.append("; Expires=").append(SetCookies.httpDate(now.plusSeconds(cap)));
            } else if (!attribute.isEmpty()) {
                out.append("; ").append(attribute);
            }
        }
        // Max-Age wins over Expires in every browser, so it holds the cap even if an Expires could not be read.
        return out.append("; Max-Age=").append(cap).toString();
    }

    /** @return the cookie name of a raw Set-Cookie value, or null */
    public static String cookieName(String header) {
        int eq = header.indexOf('=');
        int semi = header.indexOf(';');
        if (eq < 0 || (semi >= 0 && semi < eq)) {
            return null;
        }
        return header.substring(0, eq).trim();
    }

    public static String unquote(String value) {
        if (value == null) {
            return "";
        }
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /**
     * RFC 6265 §5.2.2: an optional {@code -} and digits, else the attribute is ignored; more digits than a long holds
     * still mean "very long".
     */
    private static Long parseMaxAge(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooLong) {
            return start == 1 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
