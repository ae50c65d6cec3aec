package io.staleguard.internal.undertow;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

/**
 * Drops, from the request's {@code Cookie} headers, every cookie that Undertow's parser would refuse with
 * {@code UT000173} (a character below {@code 0x20} other than tab, or {@code 0x7F} and above: raw UTF-8 arrives as
 * such bytes), so the request goes on with the cookies Undertow can read instead of dying with 500 on every page until
 * the cookie expires. The application could never read such a cookie on Undertow anyway; Tomcat ignores it the same
 * way. When {@value #UNDERTOW_ACCEPTS} is {@code true}, Undertow reads such values itself, and this does nothing.
 */
final class UnreadableCookies implements HttpHandler {

    /** The system property with which Undertow stops refusing such bytes. */
    static final String UNDERTOW_ACCEPTS = "io.undertow.legacy.cookie.ALLOW_HTTP_SEPARATORS_IN_V0";

    private static final Logger LOGGER = System.getLogger("io.staleguard");

    private final HttpHandler next;
    private final boolean undertowAccepts = Boolean.getBoolean(UNDERTOW_ACCEPTS);

    UnreadableCookies(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderValues headers = exchange.getRequestHeaders().get(Headers.COOKIE);
        if (!undertowAccepts && headers != null && anyUnreadable(headers)) {
            List<String> readable = new ArrayList<>();
            for (String header : headers) {
                String kept = readable(header);
                if (!kept.isEmpty()) {
                    readable.add(kept);
                }
            }
            exchange.getRequestHeaders().remove(Headers.COOKIE);
            exchange.getRequestHeaders().addAll(Headers.COOKIE, readable);
            // Not the cookie's name or value: both are whatever the sender chose.
            LOGGER.log(Level.DEBUG, "dropped request cookies that Undertow cannot read (UT000173)");
        }
        next.handleRequest(exchange);
    }

    /** An indexed loop: this runs on every request, where a stream would cost an allocation and a pipeline. */
    private static boolean anyUnreadable(HeaderValues headers) {
        for (int i = 0; i < headers.size(); i++) {
            if (unreadable(headers.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The header without its unreadable cookies; {@code ;} inside a quoted value does not end the cookie. */
    static String readable(String header) {
        StringBuilder kept = new StringBuilder();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : ';';
            if (c == '"') {
                quoted = !quoted;
            } else if (i == header.length() || c == ';' && !quoted) {
                String cookie = header.substring(start, i).strip();
                if (!cookie.isEmpty() && !unreadable(cookie)) {
                    kept.append(kept.length() == 0 ? "" : "; ").append(cookie);
                }
                start = i + 1;
                quoted = false;
            }
        }
        return kept.toString();
    }

    /** Whether Undertow's cookie parser would refuse {@code text}. */
    static boolean unreadable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x7F || c < 0x20 && c != '\t') {
                return true;
            }
        }
        return false;
    }
}
