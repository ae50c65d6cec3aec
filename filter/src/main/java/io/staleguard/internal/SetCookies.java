package io.staleguard.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Builds {@code Set-Cookie} header values by hand, so every attribute is exactly what Staleguard means: containers
 * disagree on how they render {@code jakarta.servlet.http.Cookie} (Expires, SameSite, quoting).
 */
public final class SetCookies {

    /** The only Expires value an expiry ever needs: the epoch, unambiguously in the past. */
    public static final String EXPIRES_EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** The last second formatted: refreshed cookies of one second share their Expires, so most calls reuse it. */
    private static volatile FormattedSecond lastFormatted = new FormattedSecond(Long.MIN_VALUE, "");

    private record FormattedSecond(long epochSecond, String text) {
    }

    private SetCookies() {
    }

    /**
     * @param domain the Domain attribute, or null for a host-only cookie
     * @param sameSite {@code Lax}, {@code Strict}, {@code None}, or null to omit
     */
    public static String expire(String name, String path, String domain, boolean secure, String sameSite) {
        StringBuilder b = new StringBuilder(128).append(name).append("=; Max-Age=0; Expires=").append(EXPIRES_EPOCH);
        return attributes(b, path, domain, secure, true, sameSite);
    }

    /**
     * @param maxAge the lifetime, or null for a cookie that ends with the browser session
     * @param now the clock's current time, for the Expires attribute
     */
    public static String set(String name, String value, String path, String domain, Duration maxAge, Instant now,
            boolean secure, boolean httpOnly, String sameSite) {
        StringBuilder b = new StringBuilder(128 + value.length()).append(name).append('=').append(value);
        if (maxAge != null) {
            long seconds = Math.max(0, maxAge.getSeconds());
            b.append("; Max-Age=").append(seconds).append("; Expires=").append(httpDate(now.getEpochSecond() + seconds));
        }
        return attributes(b, path, domain, secure, httpOnly, sameSite);
    }

    /** An RFC 1123 date, as {@code Expires} wants it; whole seconds (an HTTP date has no fraction). */
    public static String httpDate(Instant instant) {
        return httpDate(instant.getEpochSecond());
    }

    private static String httpDate(long epochSecond) {
        FormattedSecond last = lastFormatted;
        if (last.epochSecond() == epochSecond) {
            return last.text();
        }
        String text = HTTP_DATE.format(Instant.ofEpochSecond(epochSecond));
        lastFormatted = new FormattedSecond(epochSecond, text);
        return text;
    }

    private static String attributes(StringBuilder b, String path, String domain, boolean secure, boolean httpOnly,
            String sameSite) {
        b.append("; Path=").append(path);
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        // Browsers reject SameSite=None without Secure, which would leave the cookie in place.
        if (sameSite != null && (secure || !"None".equals(sameSite))) {
            b.append("; SameSite=").append(sameSite);
        }
        return b.toString();
    }
}
