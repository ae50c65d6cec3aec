package io.staleguard.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response a rolling request's application writes to (R3, R5, R6). Every session cookie the application sets,
 * through {@code addCookie} or a raw {@code Set-Cookie} header, passes here:
 * <ul>
 * <li>one that carries a session id the store reported gone (or that {@code Staleguard.logout} just ended) is dropped,
 * so nothing the application does after a concurrent logout can hand the old session back to the browser; a new id
 * (sign-in, id rotation) and any expiry pass;</li>
 * <li>a persistent one is clamped to the record's remaining life (when this request touched it) and to the cap:
 * {@code max-cookie-age}, and {@code absolute} when sessions roll; cookies without a lifetime stay browser-session
 * cookies. {@code Max-Age} and {@code Expires} are read as browsers read them (RFC 6265, {@link CookieDates}): an
 * {@code Expires} in the past in any spelling a browser accepts is a deletion and passes untouched, and one no browser
 * can read is no lifetime at all, so the cookie passes untouched too (never made into a long-lived one);</li>
 * <li>the attributes of a live one (Path, Domain, Secure, HttpOnly, SameSite) are handed to rolling, whose refreshes
 * repeat them;</li>
 * <li>the response gets {@code Cache-Control: private, no-cache, no-store, must-revalidate} and {@code Vary: Cookie},
 * and keeps them: the application cannot make a response that sets a session cookie cacheable afterwards.</li>
 * </ul>
 * Kept in the request's {@link RequestState} for {@code Staleguard.logout}.
 */
public final class SessionCookieGate extends HttpServletResponseWrapper {

    /** R5: what every response that sets a session cookie carries. */
    public static final String NO_CACHE = "private, no-cache, no-store, must-revalidate";

    private final String cookieName;
    /** When the request started, in epoch milliseconds: an {@link Instant} is built only when a cookie needs one. */
    private final long nowMillis;
    /** The most any session cookie may live. */
    private final long capSeconds;
    /** Created by the first {@link #gone}: most requests never meet an ended session. */
    private volatile Set<String> gone;
    private volatile String touchedId;
    private volatile long touchedSeconds;
    private volatile boolean sessionCookieSet;
    /** Told the attributes of every live session cookie the application sets (rolling keeps them). */
    private final Consumer<CookieAttributes> attributesSeen;

    SessionCookieGate(HttpServletResponse response, String cookieName, long nowMillis, Duration cap) {
        this(response, cookieName, nowMillis, cap, attributes -> { });
    }

    SessionCookieGate(HttpServletResponse response, String cookieName, long nowMillis, Duration cap,
            Consumer<CookieAttributes> attributesSeen) {
        super(response);
        this.cookieName = cookieName;
        this.nowMillis = nowMillis;
        this.capSeconds = cap.getSeconds();
        this.attributesSeen = attributesSeen;
    }

    /** This request touched {@code id}: its cookie may live until the record's expiry, and no longer. */
    void touched(String id, Instant expiresAt) {
        touchedSeconds = Math.min(capSeconds, Math.max(0, Duration.between(now(), expiresAt).getSeconds()));
        touchedId = id;
    }

    /** These ids are dead: any attempt to set them again on this response is dropped. */
    void gone(Collection<String> ids) {
        Set<String> set = gone;
        if (set == null) {
            synchronized (this) {
                set = gone;
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet();
                    gone = set;
                }
            }
        }
        set.addAll(ids);
    }

    private boolean isGone(String id) {
        Set<String> set = gone;
        return set != null && set.contains(id);
    }

    /** Writes Staleguard's own refreshed session cookie, ahead of anything the application writes. */
    void writeOwn(String setCookie) {
        super.addHeader("Set-Cookie", setCookie);
        markSessionCookie();
    }

    /** R5 for a response that sets a session cookie, wrapped or not. */
    public static void preventCaching(HttpServletResponse response) {
        response.setHeader("Cache-Control", NO_CACHE);
        if (!variesOnCookie(response)) {
            response.addHeader("Vary", "Cookie");
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (cookie == null || !cookieName.equals(cookie.getName())) {
            super.addCookie(cookie);
            return;
        }
        String value = unquote(cookie.getValue());
        boolean expiry = value.isEmpty() || cookie.getMaxAge() == 0;
        if (!expiry && isGone(value)) {
            dropped(value);
            return;
        }
        if (!expiry) {
            attributesSeen.accept(CookieAttributes.fromCookie(cookie));
        }
        Cookie out = cookie;
        if (!expiry && cookie.getMaxAge() > 0) {
            long cap = capFor(value);
            if (cookie.getMaxAge() > cap) {
                out = (Cookie) cookie.clone();
                out.setMaxAge((int) cap);
            }
        }
        super.addCookie(out);
        markSessionCookie();
    }

    @Override
    public void addHeader(String name, String value) {
        if ("Set-Cookie".equalsIgnoreCase(name) && value != null) {
            String gated = gate(value);
            if (gated != null) {
                super.addHeader(name, gated);
                markIfSessionCookie(gated);
            }
        } else if (!ignoredCacheControl(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if ("Set-Cookie".equalsIgnoreCase(name) && value != null) {
            String gated = gate(value);
            if (gated != null) {
                super.setHeader(name, gated);
                markIfSessionCookie(gated);
            }
        } else if ("Vary".equalsIgnoreCase(name) && sessionCookieSet) {
            super.setHeader(name, value);
            if (!variesOnCookie(getResponse())) {
                super.addHeader("Vary", "Cookie");
            }
        } else if (!ignoredCacheControl(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void reset() {
        super.reset();
        sessionCookieSet = false;
    }

    /** Once a session cookie is on the response, its Cache-Control is Staleguard's (R5). */
    private boolean ignoredCacheControl(String name) {
        return sessionCookieSet && "Cache-Control".equalsIgnoreCase(name);
    }

    private void markIfSessionCookie(String setCookie) {
        if (cookieName.equals(cookieName(setCookie))) {
            markSessionCookie();
        }
    }

    private void markSessionCookie() {
        HttpServletResponse response = (HttpServletResponse) getResponse();
        response.setHeader("Cache-Control", NO_CACHE);
        if (!variesOnCookie(response)) {
            response.addHeader("Vary", "Cookie");
        }
        sessionCookieSet = true;
    }

    private static boolean variesOnCookie(jakarta.servlet.ServletResponse response) {
        for (String vary : ((HttpServletResponse) response).getHeaders("Vary")) {
            for (String token : vary.split(",")) {
                String t = token.trim();
                if (t.equalsIgnoreCase("Cookie") || t.equals("*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private long capFor(String value) {
        return value.equals(touchedId) ? touchedSeconds : capSeconds;
    }

    /**
     * R3 and R6 for a raw {@code Set-Cookie} value.
     *
     * @return the value to send (clamped if needed), or null to drop it
     */
    String gate(String header) {
        String name = cookieName(header);
        if (!cookieName.equals(name)) {
            return header;
        }
        Instant now = now();
        String[] parts = header.split(";", -1);
        String value = unquote(parts[0].substring(parts[0].indexOf('=') + 1).trim());
        // As a browser reads them (RFC 6265 §5.2): an attribute whose value cannot be read is ignored, and of each
        // kind the last readable one counts. An unreadable date is not a lifetime, and never becomes one.
        Long maxAge = null;
        Instant expires = null;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            int eq = attribute.indexOf('=');
            String attrName = (eq < 0 ? attribute : attribute.substring(0, eq)).trim();
            String attrValue = eq < 0 ? "" : attribute.substring(eq + 1).trim();
            if (attrName.equalsIgnoreCase("Max-Age")) {
                Long read = parseMaxAge(attrValue);
                maxAge = read != null ? read : maxAge;
            } else if (attrName.equalsIgnoreCase("Expires")) {
                Instant read = CookieDates.parse(attrValue);
                expires = read != null ? read : expires;
            }
        }
        boolean expiry = value.isEmpty() || (maxAge != null && maxAge <= 0)
                || (maxAge == null && expires != null && !expires.isAfter(now));
        if (expiry) {
            return header;
        }
        if (isGone(value)) {
            dropped(value);
            return null;
        }
        attributesSeen.accept(CookieAttributes.fromHeader(header));
        if (maxAge == null && expires == null) {
            return header; // a browser-session cookie: it has no lifetime to clamp
        }
        long cap = capFor(value);
        long lifetime = maxAge != null ? maxAge : Math.max(0, Duration.between(now, expires).getSeconds());
        if (lifetime <= cap) {
            return header;
        }
        StringBuilder out = new StringBuilder(header.length() + 32).append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            String lower = attribute.toLowerCase(Locale.ROOT);
            if (lower.startsWith("max-age")) {
                continue;
            }
            if (lower.startsWith("expires")) {
                out.append("; Expires=").append(SetCookies.httpDate(now.plusSeconds(cap)));
            } else if (!attribute.isEmpty()) {
                out.append("; ").append(attribute);
            }
        }
        // Max-Age wins over Expires in every browser, so it holds the cap even if an Expires could not be read.
        return out.append("; Max-Age=").append(cap).toString();
    }

    private Instant now() {
        return Instant.ofEpochMilli(nowMillis);
    }

    private void dropped(String value) {
        if (Log.isDebugEnabled()) {
            Log.debug(Log.GATE_DROPPED, "Dropped a Set-Cookie for session %s, which has ended: it would have handed "
                    + "the ended session back to the browser", SessionIds.hash(value));
        }
    }

    /** @return the cookie name of a raw Set-Cookie value, or null */
    static String cookieName(String header) {
        int eq = header.indexOf('=');
        int semi = header.indexOf(';');
        if (eq < 0 || (semi >= 0 && semi < eq)) {
            return null;
        }
        return header.substring(0, eq).trim();
    }

    private static String unquote(String value) {
        if (value == null) {
            return "";
        }
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /**
     * RFC 6265 §5.2.2: an optional {@code -} and digits, else the attribute is ignored; more digits than a long holds
     * still mean "very long".
     */
    private static Long parseMaxAge(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooLong) {
            return start == 1 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
