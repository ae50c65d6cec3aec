package io.staleguard.internal.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The dates of {@code Set-Cookie} headers ({@link SetCookie} builds the headers). */
public final class SetCookies {

    /** The only Expires value an expiry ever needs: the epoch, unambiguously in the past. */
    public static final String EXPIRES_EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    /**
     * RFC 9110's IMF-fixdate, the form RFC 6265 §4.1.1 asks for: a two-digit day. {@code RFC_1123_DATE_TIME} writes
     * {@code 6 Dec}, which RFC 1123 allows but an HTTP date does not.
     */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The last second formatted: refreshed cookies of one second share their Expires, so most calls reuse it. */
    private static volatile FormattedSecond lastFormatted = new FormattedSecond(Long.MIN_VALUE, "");

    private record FormattedSecond(long epochSecond, String text) {
    }

    private SetCookies() {
    }

    /** An RFC 1123 date, as {@code Expires} wants it; whole seconds (an HTTP date has no fraction). */
    public static String httpDate(Instant instant) {
        return httpDate(instant.getEpochSecond());
    }

    static String httpDate(long epochSecond) {
        FormattedSecond last = lastFormatted;
        if (last.epochSecond() == epochSecond) {
            return last.text();
        }
        String text = HTTP_DATE.format(Instant.ofEpochSecond(epochSecond));
        lastFormatted = new FormattedSecond(epochSecond, text);
        return text;
    }
}
