package io.staleguard.it.rolling;

import java.time.Duration;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The application's own session cookie, {@value #NAME} on the context path: the store-backed session that
 * Staleguard rolls. The application reads its lifetimes from the same {@code staleguard.*} context-params that
 * configure Staleguard, so both agree on them.
 */
final class SessionCookie {

    static final String NAME = "SID";

    private SessionCookie() {
    }

    /** @return the session id the request carries, or null */
    static String id(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (NAME.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    static Cookie of(HttpServletRequest request, String id, Duration maxAge) {
        Cookie cookie = new Cookie(NAME, id);
        cookie.setPath(request.getContextPath());
        cookie.setHttpOnly(true);
        cookie.setMaxAge((int) maxAge.toSeconds());
        return cookie;
    }

    static Duration duration(ServletContext context, String key) {
        return Duration.parse(context.getInitParameter("staleguard." + key));
    }
}
