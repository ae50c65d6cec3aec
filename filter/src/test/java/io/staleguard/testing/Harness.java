package io.staleguard.testing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;

import io.staleguard.SessionEnded;
import io.staleguard.SessionEndedListener;
import io.staleguard.StaleSessionFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One application at {@code /app} with a {@link StaleSessionFilter} in front of a scripted "servlet", without a
 * container. Records every {@link SessionEnded}. Close it to destroy the filter.
 */
public final class Harness implements AutoCloseable {

    /** What the application does with a request. */
    @FunctionalInterface
    public interface App {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    public static final String CONTEXT = "/app";

    public final MockServletContext context = new MockServletContext();
    public final List<SessionEnded> events = new CopyOnWriteArrayList<>();
    public final StaleSessionFilter filter = new StaleSessionFilter();
    private final Map<String, String> initParams = new LinkedHashMap<>();

    private Harness() {
        context.setContextPath(CONTEXT);
        context.setAttribute(SessionEndedListener.ATTRIBUTE, (SessionEndedListener) events::add);
    }

    /** @param keyValues init-params as key, value, key, value… */
    public static Harness withInitParams(String... keyValues) throws ServletException {
        Harness h = new Harness();
        for (int i = 0; i < keyValues.length; i += 2) {
            h.initParams.put(keyValues[i], keyValues[i + 1]);
        }
        h.start();
        return h;
    }

    /** A harness not started yet: set context-params on {@link #context}, then call {@link #start()}. */
    public static Harness unstarted(String... keyValues) {
        Harness h = new Harness();
        for (int i = 0; i < keyValues.length; i += 2) {
            h.initParams.put(keyValues[i], keyValues[i + 1]);
        }
        return h;
    }

    public Harness start() throws ServletException {
        MockFilterConfig config = new MockFilterConfig(context, "staleguard");
        initParams.forEach(config::addInitParameter);
        filter.init(config);
        return this;
    }

    /** A browser page load of {@code pathInApp} (GET, Accept: text/html, Sec-Fetch-Mode: navigate). */
    public static MockHttpServletRequest navigate(String method, String pathInApp) {
        MockHttpServletRequest r = request(method, pathInApp);
        r.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        r.addHeader("Sec-Fetch-Mode", "navigate");
        return r;
    }

    /** A script call (Accept: application/json, no fetch metadata). */
    public static MockHttpServletRequest api(String method, String pathInApp) {
        MockHttpServletRequest r = request(method, pathInApp);
        r.addHeader("Accept", "application/json");
        return r;
    }

    public static MockHttpServletRequest request(String method, String pathInApp) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, CONTEXT + pathInApp);
        r.setContextPath(CONTEXT);
        int q = pathInApp.indexOf('?');
        String path = q < 0 ? pathInApp : pathInApp.substring(0, q);
        r.setRequestURI(CONTEXT + path);
        r.setServletPath(path);
        if (q >= 0) {
            r.setQueryString(pathInApp.substring(q + 1));
        }
        return r;
    }

    /** Adds cookies to {@code request}: name, value, name, value… */
    public static MockHttpServletRequest withCookies(MockHttpServletRequest request, String... nameValues) {
        Cookie[] cookies = new Cookie[nameValues.length / 2];
        for (int i = 0; i < cookies.length; i++) {
            cookies[i] = new Cookie(nameValues[2 * i], nameValues[2 * i + 1]);
        }
        request.setCookies(cookies);
        return request;
    }

    /** Runs {@code request} through the filter into {@code app}; exceptions the filter lets through propagate. */
    public RawResponse run(MockHttpServletRequest request, App app) throws IOException, ServletException {
        RawResponse response = new RawResponse();
        run(request, response, app);
        return response;
    }

    public void run(MockHttpServletRequest request, RawResponse response, App app) throws IOException, ServletException {
        filter.doFilter(request, response, (req, res) -> app.handle((HttpServletRequest) req, (HttpServletResponse) res));
    }

    /** An application that throws {@code thrown}. */
    public static App throwing(Exception thrown) {
        return (req, res) -> {
            if (thrown instanceof IOException io) {
                throw io;
            }
            if (thrown instanceof ServletException se) {
                throw se;
            }
            throw (RuntimeException) thrown;
        };
    }

    /** An application that answers 200 "ok". */
    public static App ok() {
        return (req, res) -> {
            res.setStatus(200);
            res.getWriter().write("ok");
        };
    }

    @Override
    public void close() {
        filter.destroy();
    }
}
