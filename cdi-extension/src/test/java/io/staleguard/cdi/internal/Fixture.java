package io.staleguard.cdi.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.staleguard.SessionEnded;
import io.staleguard.SessionEndedListener;
import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.internal.Engine;
import io.staleguard.internal.rolling.Exchange;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;

/**
 * One application at {@code /app} with a started engine, and one request of a browser whose session is stale: it sends
 * a {@code JSESSIONID} cookie, the server's session for it is gone. Counts every {@link SessionEnded} through the
 * context-attribute listener, which the engine notifies next to the ServiceLoader ones.
 */
final class Fixture implements AutoCloseable {

    static final String EXPIRED_SESSION_COOKIE =
            "JSESSIONID=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/app; HttpOnly; SameSite=Lax";

    final AppContext context = new AppContext();
    final Map<String, String> initParams = new HashMap<>();
    final List<SessionEnded> events = new ArrayList<>();
    MockHttpServletRequest request;
    RawResponse response = new RawResponse();
    MockHttpSession session;
    ApplicationRuntime runtime;
    Engine engine;
    private Engine previousEngine;
    private HttpServletRequest previousRequest;
    private HttpServletResponse previousResponse;
    private boolean bound;

    Fixture() {
        context.setContextPath("/app");
        context.setAttribute(SessionEndedListener.ATTRIBUTE, (SessionEndedListener) events::add);
        request = request("POST", "/consent/confirm");
    }

    /** A request of the stale browser: a page load unless {@link #api()} says otherwise. */
    MockHttpServletRequest request(String method, String pathInApp) {
        MockHttpServletRequest r = new MockHttpServletRequest(context, method, "/app" + pathInApp);
        r.setContextPath("/app");
        r.setServletPath(pathInApp);
        r.setCookies(new Cookie("JSESSIONID", "stale-session-id"));
        r.setRequestedSessionId("stale-session-id");
        r.setRequestedSessionIdValid(false);
        r.addHeader("Sec-Fetch-Mode", "navigate");
        r.addHeader("Accept", "text/html");
        return r;
    }

    /** Turns the request into a script call (B4: API). */
    Fixture api() {
        MockHttpServletRequest r = new MockHttpServletRequest(context, request.getMethod(), request.getRequestURI());
        r.setContextPath("/app");
        r.setServletPath(request.getServletPath());
        r.setCookies(request.getCookies());
        r.setRequestedSessionId("stale-session-id");
        r.setRequestedSessionIdValid(false);
        r.addHeader("Sec-Fetch-Mode", "cors");
        r.addHeader("Accept", "application/json");
        request = r;
        return this;
    }

    /** Gives the request a live HttpSession, as when the application had already created a new one. */
    Fixture withSession() {
        session = new MockHttpSession(context);
        request.setSession(session);
        return this;
    }

    Fixture start() {
        runtime = ApplicationRuntime.of(context);
        engine = runtime.attach("staleguard", initParams::get);
        return this;
    }

    /** Binds the exchange the way StaleSessionFilter does around the chain. */
    Fixture bind() {
        if (engine == null) {
            start();
        }
        Exchange exchange = Exchange.ofThisThread();
        previousEngine = exchange.engine();
        previousRequest = exchange.request();
        previousResponse = exchange.response();
        exchange.set(engine, request, response);
        bound = true;
        return this;
    }

    /** A servlet context whose class loader a test can choose, as each web application on a server has its own. */
    static final class AppContext extends MockServletContext {

        private ClassLoader loader;

        void setClassLoader(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public ClassLoader getClassLoader() {
            return loader != null ? loader : super.getClassLoader();
        }
    }

    /**
     * Spring's mock response parses {@code Set-Cookie} into a {@code Cookie} and renders it back in its own way; this one
     * also keeps every header exactly as it was added.
     */
    static final class RawResponse extends MockHttpServletResponse {

        private final List<String[]> raw = new ArrayList<>();

        @Override
        public void addHeader(String name, String value) {
            raw.add(new String[] { name, value });
            super.addHeader(name, value);
        }

        @Override
        public void setHeader(String name, String value) {
            raw.removeIf(h -> h[0].equalsIgnoreCase(name));
            raw.add(new String[] { name, value });
            super.setHeader(name, value);
        }

        @Override
        public void reset() {
            super.reset();
            raw.clear();
        }

        /** @return the values of header {@code name} exactly as added, in order */
        List<String> raw(String name) {
            return raw.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }
    }

    @Override
    public void close() {
        if (bound) {
            Exchange.ofThisThread().set(previousEngine, previousRequest, previousResponse);
        }
        if (engine != null) {
            ApplicationRuntime.release(runtime);
        }
    }
}
