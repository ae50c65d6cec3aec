package io.staleguard.internal.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

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
public record CookieAttributes(String path, String domain, boolean secure, boolean httpOnly, String sameSite) {

    /**
     * {@code Cookie.getAttribute} and {@code SessionCookieConfig.getAttribute} are Servlet 6.0; a Servlet 4.0
     * container (staleguard-filter-javax on Tomcat 9 or WildFly 26) has neither, and a class that named them would
     * fail there with {@code NoSuchMethodError}. So they are looked up once, here, and called through method handles
     * where they exist. On Servlet 4.0 the API cannot carry SameSite at all (applications write it in a raw
     * {@code Set-Cookie}, which {@link #fromHeader} reads).
     */
    private static final MethodHandle COOKIE_ATTRIBUTE = attributeGetter(Cookie.class);
    private static final MethodHandle CONFIG_ATTRIBUTE = attributeGetter(SessionCookieConfig.class);

    /** @return the attributes of a raw {@code Set-Cookie} value */
    public static CookieAttributes fromHeader(String setCookie) {
        String path = null;
        String domain = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            CookieAttribute attribute = CookieAttribute.parse(parts[i]);
            String value = attribute.value();
            switch (attribute.name()) {
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
    public static CookieAttributes fromCookie(Cookie cookie) {
        String path = cookie.getPath() != null && CookieSpec.isPath(cookie.getPath()) ? cookie.getPath() : null;
        String domain = cookie.getDomain() != null && CookieSpec.isDomain(cookie.getDomain()) ? cookie.getDomain()
                : null;
        return new CookieAttributes(path, domain, cookie.getSecure(), cookie.isHttpOnly(),
                sameSite(attribute(COOKIE_ATTRIBUTE, cookie)));
    }

    /**
     * @return the attributes the container gives its own session cookie, or null if it cannot say (a container
     *         before Servlet 6 has no SameSite there)
     */
    public static CookieAttributes fromContainer(SessionCookieConfig config, String path, String domain) {
        if (CONFIG_ATTRIBUTE == null) {
            return null;
        }
        try {
            return new CookieAttributes(path, domain, config.isSecure(), config.isHttpOnly(),
                    sameSite(attribute(CONFIG_ATTRIBUTE, config)));
        } catch (RuntimeException | LinkageError olderContainer) {
            return null;
        }
    }

    /** {@code type.getAttribute(String)}, or null when the container's Servlet API has none (before 6.0). */
    private static MethodHandle attributeGetter(Class<?> type) {
        try {
            return MethodHandles.publicLookup().findVirtual(type, "getAttribute",
                    MethodType.methodType(String.class, String.class));
        } catch (NoSuchMethodException | IllegalAccessException servlet4) {
            return null;
        }
    }

    /** The SameSite attribute through {@code getter}, or null without one. */
    private static String attribute(MethodHandle getter, Object cookieOrConfig) {
        if (getter == null) {
            return null;
        }
        try {
            return (String) getter.invoke(cookieOrConfig, "SameSite");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible); // getAttribute declares no checked exception
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
