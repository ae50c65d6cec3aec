package io.staleguard.internal.rolling;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.staleguard.internal.RequestState;
import io.staleguard.internal.http.CookieAttributes;
import io.staleguard.internal.http.CookieDates;
import io.staleguard.internal.http.RawSetCookie;
import io.staleguard.internal.http.SessionIds;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
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
    public void gone(Collection<String> ids) {
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
        String value = RawSetCookie.unquote(cookie.getValue());
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
        if (isSetCookie(name, value)) {
            writeGated(name, value, HeaderWrite.ADD);
        } else if (!ignoredCacheControl(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (isSetCookie(name, value)) {
            writeGated(name, value, HeaderWrite.SET);
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

    private static boolean isSetCookie(String name, String value) {
        return value != null && "Set-Cookie".equalsIgnoreCase(name);
    }

    /** How a header reaches the response: beside the others of its name, or replacing them. */
    private enum HeaderWrite {
        ADD, SET
    }

    private void writeGated(String name, String setCookie, HeaderWrite write) {
        String gated = gate(setCookie);
        if (gated == null) {
            return;
        }
        if (write == HeaderWrite.SET) {
            super.setHeader(name, gated);
        } else {
            super.addHeader(name, gated);
        }
        markIfSessionCookie(gated);
    }

    private void markIfSessionCookie(String setCookie) {
        if (cookieName.equals(RawSetCookie.cookieName(setCookie))) {
            markSessionCookie();
        }
    }

    private void markSessionCookie() {
        preventCaching((HttpServletResponse) getResponse());
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
        if (!cookieName.equals(RawSetCookie.cookieName(header))) {
            return header;
        }
        Instant now = now();
        RawSetCookie cookie = new RawSetCookie(header);
        if (cookie.isDeletion(now)) {
            return header;
        }
        String value = cookie.value();
        if (isGone(value)) {
            dropped(value);
            return null;
        }
        attributesSeen.accept(CookieAttributes.fromHeader(header));
        if (cookie.isBrowserSession()) {
            return header; // a browser-session cookie: it has no lifetime to clamp
        }
        long cap = capFor(value);
        return cookie.lifetimeSeconds(now) <= cap ? header : cookie.clampedTo(cap, now);
    }

    private Instant now() {
        return Instant.ofEpochMilli(nowMillis);
    }

    private void dropped(String value) {
        if (Log.isDebugEnabled()) {
            Log.debug(LogId.GATE_DROPPED, "Dropped a Set-Cookie for session %s, which has ended: it would have handed "
                    + "the ended session back to the browser", SessionIds.hash(value));
        }
    }
}
