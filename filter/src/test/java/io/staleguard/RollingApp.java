package io.staleguard;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.internal.DropIn;
import io.staleguard.internal.ops.Counters;
import io.staleguard.store.SessionStore;
import io.staleguard.testing.RawResponse;
import io.staleguard.testing.RegisteringContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * One application at {@code /app}, without a container: {@link StaleSessionFilter} then {@link RollingSessionFilter}
 * (the drop-in order) in front of a scripted servlet. Configuration comes as context-params, so both filters see it.
 * The session cookie is {@code SID} on path {@code /app}. Records every {@link SessionEnded}.
 */
final class RollingApp implements AutoCloseable {

    /** What the application does with a request. */
    @FunctionalInterface
    interface App {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    static final String CONTEXT = "/app";
    static final String COOKIE = "SID";
    /** The names the jar's web-fragment.xml gives its registrations. */
    static final String DROP_IN = "staleguard-drop-in";
    static final String ROLLING_DROP_IN = "staleguard-rolling-drop-in";

    final RegisteringContext context = new RegisteringContext();
    final List<SessionEnded> events = new CopyOnWriteArrayList<>();
    final StaleSessionFilter stale = new StaleSessionFilter();
    final RollingSessionFilter rolling = new RollingSessionFilter();
    /** Run the rolling filter first (as an application may map them), instead of the drop-in order. */
    private boolean rollingFirst;
    /** Registered as the jar's two drop-ins (web-fragment.xml) instead of as the application's own filters. */
    private boolean dropIns;

    private RollingApp() {
        context.setContextPath(CONTEXT);
        context.setAttribute(SessionEndedListener.ATTRIBUTE, (SessionEndedListener) events::add);
        context.addInitParameter("staleguard.session-cookie", COOKIE + ";path=" + CONTEXT);
    }

    /**
     * @param store the application's store, published as the context attribute; null for none
     * @param keyValues configuration as key, value, key, value… (set as {@code staleguard.<key>} context-params)
     */
    static RollingApp start(SessionStore store, String... keyValues) throws ServletException {
        RollingApp app = unstarted(store, keyValues);
        app.init();
        return app;
    }

    static RollingApp unstarted(SessionStore store, String... keyValues) {
        RollingApp app = new RollingApp();
        if (store != null) {
            app.context.setAttribute(SessionStore.ATTRIBUTE, store);
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            app.context.addInitParameter("staleguard." + keyValues[i], keyValues[i + 1]);
        }
        return app;
    }

    /** Like {@link #start}, but registered as the jar's {@code web-fragment.xml} registers the two drop-ins. */
    static RollingApp dropIns(SessionStore store, String... keyValues) throws ServletException {
        RollingApp app = unstarted(store, keyValues);
        app.dropIns = true;
        app.context.register(DROP_IN, StaleSessionFilter.class.getName(), Map.of(DropIn.MARKER, "true"))
                .register(ROLLING_DROP_IN, RollingSessionFilter.class.getName(), Map.of(DropIn.MARKER, "true"));
        app.init();
        return app;
    }

    RollingApp init() throws ServletException {
        stale.init(config(dropIns ? DROP_IN : "staleguard"));
        rolling.init(config(dropIns ? ROLLING_DROP_IN : "rolling"));
        return this;
    }

    private MockFilterConfig config(String name) {
        MockFilterConfig config = new MockFilterConfig(context, name);
        if (dropIns) {
            config.addInitParameter(DropIn.MARKER, "true");
        }
        return config;
    }

    RollingApp rollingFirst() {
        rollingFirst = true;
        return this;
    }

    RollingApp clock(Clock clock) {
        ApplicationRuntime.of(context).clock(clock);
        return this;
    }

    Counters counters() {
        return ApplicationRuntime.of(context).counters();
    }

    /** A script call to {@code pathInApp} carrying the given cookies (name, value, name, value…). */
    static MockHttpServletRequest request(String pathInApp, String... cookieNameValues) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", CONTEXT + pathInApp);
        r.setContextPath(CONTEXT);
        r.setRequestURI(CONTEXT + pathInApp);
        r.setServletPath(pathInApp);
        r.addHeader("Accept", "application/json");
        if (cookieNameValues.length > 0) {
            Cookie[] cookies = new Cookie[cookieNameValues.length / 2];
            for (int i = 0; i < cookies.length; i++) {
                cookies[i] = new Cookie(cookieNameValues[2 * i], cookieNameValues[2 * i + 1]);
            }
            r.setCookies(cookies);
        }
        return r;
    }

    /** A page load of {@code pathInApp}. */
    static MockHttpServletRequest navigate(String pathInApp, String... cookieNameValues) {
        MockHttpServletRequest r = request(pathInApp, cookieNameValues);
        r.removeHeader("Accept");
        r.addHeader("Accept", "text/html");
        r.addHeader("Sec-Fetch-Mode", "navigate");
        return r;
    }

    /** A request carrying the session cookie {@code SID=id}. */
    static MockHttpServletRequest withSession(String pathInApp, String id) {
        return request(pathInApp, COOKIE, id);
    }

    RawResponse run(MockHttpServletRequest request, App app) throws IOException, ServletException {
        RawResponse response = new RawResponse();
        run(request, response, app);
        return response;
    }

    void run(HttpServletRequest request, HttpServletResponse response, App app) throws IOException, ServletException {
        FilterChain toApp = (req, res) -> app.handle((HttpServletRequest) req, (HttpServletResponse) res);
        if (rollingFirst) {
            rolling.doFilter(request, response, (req, res) -> stale.doFilter(req, res, toApp));
        } else {
            stale.doFilter(request, response, (req, res) -> rolling.doFilter(req, res, toApp));
        }
    }

    /** An application that answers 200 "ok". */
    static App ok() {
        return (req, res) -> {
            res.setStatus(200);
            res.getWriter().write("ok");
        };
    }

    /** An application that signs the user out and answers 200. */
    static App logout() {
        return (req, res) -> {
            Staleguard.logout(req, res);
            res.setStatus(200);
        };
    }

    @Override
    public void close() {
        rolling.destroy();
        stale.destroy();
    }
}
