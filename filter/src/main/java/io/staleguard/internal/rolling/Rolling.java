package io.staleguard.internal.rolling;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.staleguard.StaleguardConfig;
import io.staleguard.internal.Engine;
import io.staleguard.internal.RequestState;
import io.staleguard.internal.RollingSettings;
import io.staleguard.internal.Settings;
import io.staleguard.internal.config.CookieSecure;
import io.staleguard.internal.http.CookieAttributes;
import io.staleguard.internal.http.CookieSpec;
import io.staleguard.internal.http.SetCookie;
import io.staleguard.internal.ops.Counter;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.internal.recovery.RequestPaths;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.ConfigException;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.SessionStore.TouchResult;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Rolling sessions for one application (R2–R7): one conditional touch per request (concurrent requests of one session
 * share one, {@link SingleFlightTouch}, R9), the refreshed cookie written
 * before the application runs, and the {@link SessionCookieGate} around the application's response. In
 * {@link RollingMode#CAP_ONLY} only the gate: the application's session cookies are clamped (R6), nothing is touched.
 */
public final class Rolling {

    private final Engine engine;
    private final Settings settings;
    private final RollingSettings rolling;
    /** Null in {@link RollingMode#CAP_ONLY}. */
    private final SessionStore store;
    /**
     * The store's touch: one per flight of concurrent requests of a session where a touch is a round trip
     * ({@link SingleFlightTouch}); the store's own where it is in memory, since sharing would cost more than the touch.
     * Null in {@link RollingMode#CAP_ONLY}.
     */
    private final Touch touches;
    private final boolean touching;
    /** The most any session cookie may live (R6). */
    private final Duration cap;
    private final RecentTouches recentTouches;
    /**
     * The attributes the application last set its own session cookie with, on this node: refreshes repeat them.
     * Null until it sets one here; refreshes then use the container's session cookie settings (for the container's
     * cookie) and Staleguard's configuration.
     */
    private volatile CookieAttributes applicationAttributes;
    /** The container's session cookie attributes, read on the first refresh; null when they do not apply. */
    private volatile CookieAttributes containerAttributes;
    private volatile boolean containerAttributesRead;
    private final AtomicBoolean differenceWarned = new AtomicBoolean();
    /** Built once: a method reference written per request would be a new object on every request. */
    private final Consumer<CookieAttributes> applicationSetsHook = this::applicationSets;

    /**
     * @throws ConfigException if the application has no session store
     */
    private Rolling(Engine engine) {
        this(engine, true);
    }

    private Rolling(Engine engine, boolean touching) {
        this.engine = engine;
        this.settings = engine.settings();
        this.rolling = engine.rolling();
        this.touching = touching;
        this.recentTouches = new RecentTouches(rolling.touchInterval);
        this.store = touching ? engine.store() : null;
        this.touches = store == null ? null
                : store instanceof InMemorySessionStore ? store::touchIfPresent : new SingleFlightTouch(store);
        // Without rolling there is no record whose absolute limit could bound the cookie: max-cookie-age alone does.
        this.cap = touching && rolling.absolute.compareTo(rolling.maxCookieAge) < 0 ? rolling.absolute
                : rolling.maxCookieAge;
        if (touching && store == null) {
            throw new ConfigException(ConfigError.ROLLING_WITHOUT_STORE.message("Staleguard configuration: "
                    + StaleguardConfig.ROLLING + " is true, but the application has no session store, and the "
                    + "container's HttpSession cannot be extended with a conditional write. Set "
                    + StaleguardConfig.STORE + ", for example: " + StaleguardConfig.STORE + "=memory or "
                    + StaleguardConfig.STORE + "=jdbc:java:jboss/datasources/SessionsDS; or provide a SessionStore CDI "
                    + "bean or the servlet context attribute " + SessionStore.ATTRIBUTE));
        }
    }

    /**
     * @return the rolling filter's work in {@code mode}, or null when it is {@link RollingMode#OFF}
     * @throws ConfigException if {@code mode} is {@link RollingMode#ROLLING} and the application has no session store
     */
    public static Rolling of(RollingMode mode, Engine engine) {
        return switch (mode) {
            case ROLLING -> new Rolling(engine);
            case CAP_ONLY -> capOnly(engine);
            case OFF -> null;
        };
    }

    /** {@link RollingMode#CAP_ONLY}: the gate without the touch; needs no store. */
    private static Rolling capOnly(Engine engine) {
        return new Rolling(engine, false);
    }

    public Engine engine() {
        return engine;
    }

    public void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, begin(request, response));
    }

    /**
     * The rolling filter's work before the application runs: the touch and the refreshed cookie (R2–R4, R7).
     *
     * @return the gate the application's response must go through (R3, R5, R6)
     */
    public SessionCookieGate begin(HttpServletRequest request, HttpServletResponse response) {
        // Milliseconds, like every store's expiries: a request that touches nothing builds no Instant.
        long nowMillis = engine.clock().millis();
        SessionCookieGate gate = new SessionCookieGate(response, settings.sessionCookie.name(), nowMillis, cap,
                applicationSetsHook);
        RequestState.of(request).gate = gate;
        if (touching && !rolling.exclude.matches(RequestPaths.pathInApplication(request))) {
            touch(request, gate, nowMillis);
        }
        return gate;
    }

    /** R2–R4, R7: at most one touch per session id the request carries, stopping at the first live one. */
    private void touch(HttpServletRequest request, SessionCookieGate gate, long nowMillis) {
        List<String> ids = engine.lookup().sessionIds(request);
        if (ids.isEmpty() || recentTouches.recentlyTouched(ids.get(0), nowMillis)) {
            return;
        }
        Instant now = Instant.ofEpochMilli(nowMillis);
        Instant wanted = now.plus(rolling.inactivity);
        for (String id : ids) {
            TouchResult result;
            try {
                result = touches.touch(id, wanted);
            } catch (RuntimeException e) {
                if (!engine.lookup().isTransient(e)) {
                    throw e;
                }
                // R4, T1: says nothing about the session. No cookie, no deletion, and the request goes on.
                engine.lookup().unavailable(e);
                return;
            }
            if (result.isTouched()) {
                engine.counters().increment(Counter.ROLLED);
                recentTouches.touched(id, nowMillis);
                gate.touched(id, result.expiresAt());
                refreshCookie(request, gate, id, result.expiresAt(), now);
                tellDetection(request, true);
                return;
            }
            recentTouches.gone(id);
            gate.gone(List.of(id));
        }
        // R3: gone. No refreshed cookie, and no expiring one either: another tab may have signed in meanwhile.
        engine.counters().increment(Counter.GONE);
        tellDetection(request, false);
    }

    /**
     * Hands the touch's answer to the detection (B2) still to come on this request, which then needs no store call: a
     * StaleSessionFilter mapped after this filter, or the drop-in one doing both filters' work. One that has already
     * checked is running the chain (its engine is bound).
     */
    private static void tellDetection(HttpServletRequest request, boolean alive) {
        if (Exchange.ofThisThread().engine() == null) {
            RequestState.of(request).rollingAlive = alive;
        }
    }

    /** {@code Duration.between(from, to).getSeconds()} without building the Duration: whole seconds, rounded down. */
    static long wholeSecondsBetween(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        return to.getNano() < from.getNano() ? seconds - 1 : seconds;
    }

    /**
     * R2, R6: the same cookie again, living exactly as long as the record, and never longer than max-cookie-age. Its
     * Path, Domain, HttpOnly and SameSite are the ones the application set it with (as last seen on this node), else
     * the container's session cookie settings, else the configuration; Secure is kept whenever any of these or the
     * request ({@code cookie-secure}) asks for it, so a refresh behind a TLS-terminating proxy never drops it.
     */
    private void refreshCookie(HttpServletRequest request, SessionCookieGate gate, String id, Instant expiresAt,
            Instant now) {
        long seconds = Math.min(rolling.maxCookieAge.getSeconds(), wholeSecondsBetween(now, expiresAt));
        if (seconds <= 0 || !isCookieValue(id)) {
            return;
        }
        CookieSpec spec = settings.sessionCookie;
        String name = spec.name();
        CookieAttributes kept = applicationAttributes;
        if (kept == null) {
            kept = containerAttributes(request);
        }
        boolean host = name.startsWith("__Host-");
        String path = host ? "/" : kept != null && kept.path() != null ? kept.path() : spec.paths().get(0);
        String domain = host ? null : kept != null ? kept.domain()
                : spec.domains().isEmpty() ? null : spec.domains().get(0);
        boolean secure = (kept != null && kept.secure()) || settings.secure(request, name);
        boolean httpOnly = kept == null || kept.httpOnly();
        String sameSite = kept != null ? kept.sameSite() : settings.sameSite;
        gate.writeOwn(SetCookie.of(name, id).path(path).domain(domain).maxAge(seconds, now)
                .secure(secure).httpOnly(httpOnly).sameSite(sameSite).header());
    }

    /** The gate saw the application set its session cookie: later refreshes repeat these attributes. */
    private void applicationSets(CookieAttributes attributes) {
        if (!touching || attributes.equals(applicationAttributes)) {
            return;
        }
        applicationAttributes = attributes;
        CookieSpec spec = settings.sessionCookie;
        String configuredDomain = spec.domains().isEmpty() ? null : spec.domains().get(0);
        boolean differs = (attributes.path() != null && !attributes.path().equals(spec.paths().get(0)))
                || !Objects.equals(attributes.domain(), configuredDomain)
                || (attributes.secure() && settings.cookieSecure != CookieSecure.TRUE
                        && !spec.name().startsWith("__Host-") && !spec.name().startsWith("__Secure-"))
                || !attributes.httpOnly()
                || !Objects.equals(attributes.sameSite(), settings.sameSite);
        if (differs && differenceWarned.compareAndSet(false, true)) {
            Log.warn(LogId.COOKIE_ATTRIBUTES, "The application sets its session cookie %s with Path=%s, Domain=%s, "
                    + "Secure=%s, HttpOnly=%s, SameSite=%s. Rolling refreshes on this node keep these; but until the "
                    + "application sets the cookie on a node (after a restart, or on another node of a cluster), "
                    + "refreshes use the configuration (session-cookie=%s, cookie-secure=%s, cookie-same-site=%s), "
                    + "which differs. Configure those to match, for example cookie-secure=true behind a proxy that "
                    + "terminates TLS", spec.name(), attributes.path(), attributes.domain(), attributes.secure(),
                    attributes.httpOnly(), attributes.sameSite(), spec.name(), settings.cookieSecure.spelled(),
                    settings.sameSite == null ? "omit" : settings.sameSite);
        }
    }

    /** The container's own session cookie attributes, when the session cookie is the container's. */
    private CookieAttributes containerAttributes(HttpServletRequest request) {
        if (!containerAttributesRead) {
            SessionCookieConfig config = request.getServletContext().getSessionCookieConfig();
            CookieSpec spec = settings.sessionCookie;
            String containerName = config == null || config.getName() == null ? "JSESSIONID" : config.getName();
            containerAttributes = config == null || !containerName.equals(spec.name()) ? null
                    : CookieAttributes.fromContainer(config, spec.paths().get(0),
                            spec.domains().isEmpty() ? null : spec.domains().get(0));
            containerAttributesRead = true;
        }
        CookieAttributes container = containerAttributes;
        if (container == null) {
            return null;
        }
        // The container's settings add Secure and choose HttpOnly; SameSite only when it sets one.
        return new CookieAttributes(container.path(), container.domain(), container.secure(), container.httpOnly(),
                container.sameSite() != null ? container.sameSite() : settings.sameSite);
    }

    /** RFC 6265 cookie-octets: anything else would break the header Staleguard writes. */
    private static boolean isCookieValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
