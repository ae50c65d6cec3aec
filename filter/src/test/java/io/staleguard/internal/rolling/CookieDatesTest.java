package io.staleguard.internal.rolling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.staleguard.internal.http.CookieDates;
import io.staleguard.internal.http.SetCookies;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 12, item 1 (R3, R6): the rolling gate reads a session cookie's {@code Expires} as browsers do (RFC 6265
 * §5.1.1). A deletion in any spelling a browser accepts passes untouched; a date no browser reads is no lifetime, so
 * the cookie passes untouched too; only a real lifetime beyond the cap is clamped.
 */
class CookieDatesTest {

    /** Sunday 6 December 2026, 06:00 UTC. */
    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    private static final Duration CAP = Duration.ofDays(7);

    private enum Outcome { UNTOUCHED, CLAMPED }

    private record Row(String expires, Outcome outcome, String why) {
    }

    private static final List<Row> SPELLINGS = List.of(
            new Row("Thu, 01 Jan 1970 00:00:00 GMT", Outcome.UNTOUCHED, "RFC 1123 deletion"),
            new Row("Thu, 01-Jan-70 00:00:01 GMT", Outcome.UNTOUCHED, "two-digit year 70 is 1970: a deletion"),
            new Row("Thu, 01 Jan 1970 00:00:01 UTC", Outcome.UNTOUCHED, "UTC instead of GMT: a deletion"),
            new Row("Mon, 01 Jan 1970 00:00:01 GMT", Outcome.UNTOUCHED, "wrong weekday: browsers ignore it"),
            new Row("Thursday, 01-Jan-1970 00:00:01 GMT", Outcome.UNTOUCHED, "RFC 850 deletion"),
            new Row("Thu Jan  1 00:00:01 1970", Outcome.UNTOUCHED, "asctime deletion"),
            new Row("Thu, 01-Jan-1970 00:00:01 GMT", Outcome.UNTOUCHED, "Netscape deletion"),
            new Row("01 Jan 1970 00:00:01 GMT", Outcome.UNTOUCHED, "no weekday"),
            new Row("thu, 01 jan 1970 00:00:01 gmt", Outcome.UNTOUCHED, "lower case"),
            new Row("Wed, 31 Dec 1969 23:59:59 GMT", Outcome.UNTOUCHED, "before the epoch"),
            new Row("Sat, 01 Jan 2000 00:00:00 +0100", Outcome.UNTOUCHED, "numeric zone, in the past"),
            new Row("Sat, 01-Jan-00 00:00:00 GMT", Outcome.UNTOUCHED, "two-digit year 00 is 2000: a deletion"),
            new Row("Thu, 1 Jan 1970 0:0:1 GMT", Outcome.UNTOUCHED, "one-digit fields"),
            new Row("0", Outcome.UNTOUCHED, "Expires=0: unreadable, so a browser-session cookie, never a 7-day one"),
            new Row("-1", Outcome.UNTOUCHED, "Expires=-1: unreadable"),
            new Row("never", Outcome.UNTOUCHED, "not a date"),
            new Row("Thu, 31 Feb 2030 00:00:00 GMT", Outcome.UNTOUCHED, "no such date: unreadable"),
            new Row("Fri, 01 Jan 1600 00:00:00 GMT", Outcome.UNTOUCHED, "before 1601: unreadable"),
            new Row("Tue, 08 Dec 2026 06:00:00 GMT", Outcome.UNTOUCHED, "two days ahead, within the cap"),
            new Row("Mon, 08 Dec 2026 06:00:00 GMT", Outcome.UNTOUCHED, "two days ahead, wrong weekday"),
            new Row("Tue, 08-Dec-26 06:00:00 GMT", Outcome.UNTOUCHED, "two days ahead, two-digit year"),
            new Row("Fri, 01-Jan-38 00:00:00 GMT", Outcome.CLAMPED, "two-digit year 38 is 2038: beyond the cap"),
            new Row("Wednesday, 01-Jan-2031 00:00:00 GMT", Outcome.CLAMPED, "RFC 850, beyond the cap"),
            new Row("Wed Jan  1 00:00:00 2031", Outcome.CLAMPED, "asctime, beyond the cap"));

    @Test
    @DisplayName("R3 R6 (issue 12 item 1): Expires spellings are read as browsers read them; unreadable ones pass")
    void expiresSpellingsAreReadAsBrowsersRead() {
        SessionCookieGate gate = new SessionCookieGate(new RawResponse(), "SID", NOW.toEpochMilli(), CAP);
        String clampedTail = "; Expires=" + SetCookies.httpDate(NOW.plus(CAP)) + "; Max-Age=" + CAP.getSeconds();
        List<Executable> checks = new ArrayList<>();
        for (Row row : SPELLINGS) {
            String header = "SID=live; Path=/; Expires=" + row.expires();
            String expected = row.outcome() == Outcome.UNTOUCHED ? header : "SID=live; Path=/" + clampedTail;
            checks.add(() -> assertEquals(expected, gate.gate(header), row.why()));
        }
        assertAll(checks);
    }

    @Test
    @DisplayName("R3 R6 (issue 12 item 1): an unreadable Max-Age is ignored, as browsers do, and Expires then counts")
    void unreadableMaxAgeIsIgnoredAsBrowsersDo() {
        SessionCookieGate gate = new SessionCookieGate(new RawResponse(), "SID", NOW.toEpochMilli(), CAP);
        String deletion = "SID=live; Max-Age=soon; Expires=Thu, 01-Jan-70 00:00:01 GMT; Path=/";
        assertEquals(deletion, gate.gate(deletion));
        String withinCap = "SID=live; Expires=0; Max-Age=3600; Path=/";
        assertEquals(withinCap, gate.gate(withinCap));
    }

    @Test
    @DisplayName("R6 (issue 12 item 1): RFC 6265 §5.1.1 cookie dates parse to the instant a browser sees")
    void cookieDatesParseToTheInstantBrowsersSee() {
        Instant epochPlusOne = Instant.parse("1970-01-01T00:00:01Z");
        assertAll(
                () -> assertEquals(epochPlusOne, CookieDates.parse("Thu, 01-Jan-70 00:00:01 GMT")),
                () -> assertEquals(epochPlusOne, CookieDates.parse("Thursday, 01-Jan-1970 00:00:01 GMT")),
                () -> assertEquals(epochPlusOne, CookieDates.parse("Thu Jan  1 00:00:01 1970")),
                () -> assertEquals(epochPlusOne, CookieDates.parse("Mon, 01 Jan 1970 00:00:01 UTC")),
                () -> assertEquals(Instant.parse("2069-03-04T05:06:07Z"), CookieDates.parse("04 Mar 69 05:06:07")),
                () -> assertEquals(Instant.parse("2026-12-08T06:00:00Z"), CookieDates.parse("Tue, 08-Dec-26 06:00:00 GMT")),
                () -> assertEquals(Instant.parse("2031-01-01T00:00:00Z"), CookieDates.parse("2031 Jan 01 00:00:00")),
                () -> assertEquals(null, CookieDates.parse("0")),
                () -> assertEquals(null, CookieDates.parse("Thu, 01 Jan 1970 24:00:00 GMT")),
                () -> assertEquals(null, CookieDates.parse("Thu, 32 Jan 1970 00:00:00 GMT")),
                () -> assertEquals(null, CookieDates.parse("Thu, 01 Jan 1970")),
                () -> assertEquals(null, CookieDates.parse("")));
    }
}
