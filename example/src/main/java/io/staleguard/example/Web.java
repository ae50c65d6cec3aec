package io.staleguard.example;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The few HTTP chores every incident's demo application shares: cookies, redirects, small JSON answers, ids. */
public final class Web {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Web() {
    }

    /** @return the value of the first cookie named {@code name} the request carries, or null */
    public static String cookieValue(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (name.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** An {@code HttpOnly}, {@code SameSite=Lax} cookie; {@code maxAge} -1 for a browser-session cookie, 0 expires. */
    public static Cookie cookie(String name, String value, String path, int maxAge) {
        Cookie c = new Cookie(name, value);
        c.setPath(path);
        c.setHttpOnly(true);
        c.setMaxAge(maxAge);
        c.setAttribute("SameSite", "Lax");
        return c;
    }

    /** 303 See Other: after a POST the browser GETs {@code location}, and reloading never re-posts. */
    public static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    /**
     * A "go back to" parameter of the tour's buttons, if it is a path under {@code prefix} on this server: no scheme,
     * no {@code //} or backslash, visible ASCII only. Never an open redirect.
     *
     * @return {@code back}, or {@code fallback} when it is missing or not such a path
     */
    public static String localPath(String back, String prefix, String fallback) {
        boolean local = back != null && back.startsWith(prefix) && prefix.startsWith("/") && back.indexOf("//") < 0
                && back.indexOf('\\') < 0 && back.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        return local ? back : fallback;
    }

    /** Whether the caller is a script that asked for JSON (the tour's pages and the tour driver do). */
    public static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json");
    }

    /** Writes {@code json}, which the caller built with {@link #quote(String)} for every string in it. */
    public static void json(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json);
    }

    /** A JSON string literal, quotes included; {@code null} becomes {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A fresh unguessable id: {@code bytes} random bytes, URL-safe Base64 without padding. */
    public static String newId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The path inside the application of a request: servlet path plus path info. */
    public static String pathOf(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
    }
}
