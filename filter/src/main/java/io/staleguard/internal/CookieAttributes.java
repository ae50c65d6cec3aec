package io.staleguard.internal;

import java.util.Locale;

import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;

/**
 * The attributes a session cookie was set with, apart from its lifetime: what a rolling refresh must repeat, so that
 * refreshing a cookie never changes how the browser scopes and protects it (issue 12, item 11).
 *
 * @param path the Path attribute, or null when the cookie was set without one
 * @param domain the Domain attribute, or null for a host-only cookie
 * @param secure whether it was set with Secure
 * @param httpOnly whether it was set with HttpOnly
 * @param sameSite the SameSite value as written ({@code Strict}, {@code Lax}, {@code None}), or null when absent
 */
record CookieAttributes(String path, String domain, boolean secure, boolean httpOnly, String sameSite) {

    /** @return the attributes of a raw {@code Set-Cookie} value */
    static CookieAttributes fromHeader(String setCookie) {
        String path = null;
        String domain = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int eq = attribute.indexOf('=');
            String name = (eq < 0 ? attribute : attribute.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : attribute.substring(eq + 1).trim();
            switch (name) {
                case "path" -> path = CookieSpec.isPath(value) ? value : null;
                case "domain" -> domain = value.isEmpty() || !CookieSpec.isDomain(value) ? null : value;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = sameSite(value);
                default -> {
                    // lifetime and unknown attributes are not repeated
                }
            }
        }
        return new CookieAttributes(path, domain, secure, httpOnly, sameSite);
    }

    /** @return the attributes of a cookie given to {@code addCookie} */
    static CookieAttributes fromCookie(Cookie cookie) {
        String path = cookie.getPath() != null && CookieSpec.isPath(cookie.getPath()) ? cookie.getPath() : null;
        String domain = cookie.getDomain() != null && CookieSpec.isDomain(cookie.getDomain()) ? cookie.getDomain()
                : null;
        return new CookieAttributes(path, domain, cookie.getSecure(), cookie.isHttpOnly(),
                sameSite(cookie.getAttribute("SameSite")));
    }

    /**
     * @return the attributes the container gives its own session cookie, or null if it cannot say (a container
     *         before Servlet 6 has no SameSite there)
     */
    static CookieAttributes fromContainer(SessionCookieConfig config, String path, String domain) {
        try {
            return new CookieAttributes(path, domain, config.isSecure(), config.isHttpOnly(),
                    sameSite(config.getAttribute("SameSite")));
        } catch (RuntimeException | LinkageError olderContainer) {
            return null;
        }
    }

    /** Only the three values browsers know, in their usual spelling; anything else is left out, as browsers ignore it. */
    private static String sameSite(String value) {
        if (value == null) {
            return null;
        }
        for (String known : new String[] {"Strict", "Lax", "None"}) {
            if (known.equalsIgnoreCase(value.trim())) {
                return known;
            }
        }
        return null;
    }
}
