package io.staleguard.bench.e2e;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code headers.war}'s page: the same page, and on every request exactly the headers {@code guarded.war} sends when
 * {@code RollingSessionFilter} rolls the session, written by the page itself without Staleguard: the refreshed cookie
 * {@code SID=<id>; Max-Age=1800; Expires=<now + 1800 s>; Path=<context>; HttpOnly; SameSite=Lax} (Staleguard's
 * {@code SetCookie} with the defaults {@code inactivity=PT30M} and {@code cookie-same-site=Lax}, not secure on
 * plain HTTP), {@code Cache-Control: private, no-cache, no-store, must-revalidate} and {@code Vary: Cookie}
 * ({@code SessionCookieGate}, R5), through the same {@code addHeader}/{@code setHeader} calls on the container's
 * response. Comparing it with {@code plain.war} prices the headers every rolling response must carry; comparing
 * {@code guarded.war} with it prices Staleguard's own work (its two filters, the store, the response wrapper).
 */
public class E2eHeadersPageServlet extends E2ePageServlet {

    private static final long serialVersionUID = 1L;

    /** Staleguard's default {@code inactivity}: a touched session's cookie lives this long. */
    static final long COOKIE_SECONDS = 1800;
    /** Staleguard's {@code SessionCookieGate.NO_CACHE}. */
    static final String NO_CACHE = "private, no-cache, no-store, must-revalidate";

    /** The date form Staleguard writes (IMF-fixdate, two-digit day), so that both responses carry the same bytes. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** As in Staleguard's {@code SetCookies}: the responses of one second share their Expires, formatted once. */
    private static volatile FormattedSecond lastFormatted = new FormattedSecond(Long.MIN_VALUE, "");

    private record FormattedSecond(long epochSecond, String text) {
    }

    @Override
    protected void sessionHeaders(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        long expires = System.currentTimeMillis() / 1000 + COOKIE_SECONDS;
        response.addHeader("Set-Cookie", new StringBuilder(128 + sessionId.length())
                .append(E2eLoginServlet.COOKIE).append('=').append(sessionId)
                .append("; Max-Age=").append(COOKIE_SECONDS).append("; Expires=").append(httpDate(expires))
                .append("; Path=").append(request.getContextPath()).append("; HttpOnly; SameSite=Lax").toString());
        response.setHeader("Cache-Control", NO_CACHE);
        response.addHeader("Vary", "Cookie");
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
}
