package io.staleguard.internal.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads a {@code Set-Cookie} {@code Expires} value the way browsers do: the cookie-date algorithm of RFC 6265
 * §5.1.1. It is deliberately lenient, as browsers are: the weekday is ignored, the time zone is ignored (always UTC),
 * any order of day, month, year and time is accepted, two-digit years 70–99 are 1970–1999 and 00–69 are 2000–2069.
 * So {@code Thu, 01-Jan-70 00:00:01 GMT}, {@code Thursday, 01-Jan-1970 00:00:01 GMT} (RFC 850),
 * {@code Thu Jan  1 00:00:01 1970} (asctime), {@code … UTC} and a wrong weekday all read as 1970, a deletion. Reading
 * them more strictly than the browser does would take a deletion for something else.
 */
public final class CookieDates {

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};

    private CookieDates() {
    }

    /** @return the instant {@code value} names, or null where a browser would ignore the attribute too */
    public static Instant parse(String value) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && isDelimiter(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(value.charAt(i))) {
                i++;
            }
            if (start == i) {
                continue;
            }
            String token = value.substring(start, i);
            int[] time;
            if (hour < 0 && (time = time(token)) != null) {
                hour = time[0];
                minute = time[1];
                second = time[2];
            } else if (day < 0 && digitsThenAnything(token, 1, 2) >= 0) {
                day = digitsThenAnything(token, 1, 2);
            } else if (month < 0 && month(token) >= 0) {
                month = month(token);
            } else if (year < 0 && digitsThenAnything(token, 2, 4) >= 0) {
                year = digitsThenAnything(token, 2, 4);
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || day < 1 || day > 31 || month < 0 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month + 1, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException noSuchDate) {
            return null; // 31 April, 30 February: "abort these steps and fail to parse"
        }
    }

    /** RFC 6265 delimiter: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
                || (c >= 0x7b && c <= 0x7e);
    }

    /** {@code time-field ":" time-field ":" time-field ( non-digit *OCTET )}, each field 1*2DIGIT. */
    private static int[] time(String token) {
        int[] fields = new int[3];
        int at = 0;
        for (int f = 0; f < 3; f++) {
            int digits = 0;
            int v = 0;
            while (at < token.length() && digits < 2 && isDigit(token.charAt(at))) {
                v = v * 10 + token.charAt(at++) - '0';
                digits++;
            }
            if (digits == 0) {
                return null;
            }
            fields[f] = v;
            if (f < 2) {
                if (at >= token.length() || token.charAt(at) != ':') {
                    return null;
                }
                at++;
            }
        }
        return at == token.length() || !isDigit(token.charAt(at)) ? fields : null;
    }

    /** @return the value of {@code min*max DIGIT ( non-digit *OCTET )}, or -1 when the token is not that */
    private static int digitsThenAnything(String token, int min, int max) {
        int digits = 0;
        int v = 0;
        while (digits < token.length() && isDigit(token.charAt(digits))) {
            if (digits == max) {
                return -1;
            }
            v = v * 10 + token.charAt(digits) - '0';
            digits++;
        }
        return digits >= min ? v : -1;
    }

    /** @return 0–11 when the token starts with a month's three letters, in any case; else -1 */
    private static int month(String token) {
        if (token.length() < 3) {
            return -1;
        }
        for (int m = 0; m < MONTHS.length; m++) {
            if (token.regionMatches(true, 0, MONTHS[m], 0, 3)) {
                return m;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
