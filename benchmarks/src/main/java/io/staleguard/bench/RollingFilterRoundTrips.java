package io.staleguard.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;

import io.staleguard.RollingSessionFilter;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Round trips per request through {@link RollingSessionFilter} itself, in-process (Spring's mock
 * request, the filter tests' {@link RawResponse}, an application at {@code /app} with session cookie {@code SID}), on a
 * {@link io.staleguard.store.JdbcSessionStore} on
 * PostgreSQL wrapped in a {@link CountingStore}: store calls counted by the wrapper, SQL statements counted by the
 * rig's {@link RoundTripCountingDataSource}. Deterministic: the counts do not depend on timing.
 */
final class RollingFilterRoundTrips {

    /**
     * One case.
     *
     * @param label what the requests are
     * @param requests how many requests were counted
     * @param storeCalls store calls during them (lookups, touches, deletes)
     * @param statements SQL statements during them
     * @param refreshedCookies responses that set the session cookie
     */
    record Row(String label, int requests, int storeCalls, long statements, int refreshedCookies) {
        double storeCallsPerRequest() {
            return storeCalls / (double) requests;
        }

        double statementsPerRequest() {
            return statements / (double) requests;
        }
    }

    static final String ROLLING_TRUE = "rolling=true";
    static final String ROLLING_TRUE_GONE = "rolling=true, session deleted (logged out elsewhere)";
    static final String ROLLING_FALSE = "rolling=false";
    static final String EXCLUDED = "rolling=true, rolling-exclude=/static/* (GET /app/static/app.js)";
    static final String INTERVAL_FIRST = "rolling=true, touch-interval=PT5M: first request";
    static final String INTERVAL_AFTER = "rolling=true, touch-interval=PT5M: the requests after it, within the interval";

    private final RoundTripRig.Postgres rig;
    private final CountingStore store;

    RollingFilterRoundTrips(RoundTripRig.Postgres rig) {
        this.rig = rig;
        this.store = new CountingStore(rig.store);
    }

    /** @param requests how many requests each case counts */
    List<Row> measure(int requests) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (App app = new App("rolling", "true")) {
            String id = live();
            rows.add(count(app, ROLLING_TRUE, "/page", id, requests));
            rig.store.delete(id);
            rows.add(count(app, ROLLING_TRUE_GONE, "/page", id, requests));
        }
        try (App app = new App("rolling", "false")) {
            rows.add(count(app, ROLLING_FALSE, "/page", live(), requests));
        }
        try (App app = new App("rolling", "true", "rolling-exclude", "/static/*")) {
            rows.add(count(app, EXCLUDED, "/static/app.js", live(), requests));
        }
        try (App app = new App("rolling", "true", "touch-interval", "PT5M")) {
            String id = live();
            rows.add(count(app, INTERVAL_FIRST, "/page", id, 1));
            rows.add(count(app, INTERVAL_AFTER, "/page", id, requests));
        }
        return rows;
    }

    private String live() {
        String id = "bench-filter-" + Long.toString(System.nanoTime(), 36);
        rig.store.create(id, StoredSession.startingAt(Instant.now(), RoundTripRig.INACTIVITY, RoundTripRig.ABSOLUTE));
        return id;
    }

    private Row count(App app, String label, String path, String id, int requests) throws Exception {
        store.reset();
        long before = rig.roundTrips();
        int refreshed = 0;
        for (int i = 0; i < requests; i++) {
            refreshed += app.request(path, id).setCookies("SID").isEmpty() ? 0 : 1;
        }
        return new Row(label, requests, store.calls(), rig.roundTrips() - before, refreshed);
    }

    /** The filter alone, configured by context-params, in front of an application that answers 200. */
    private final class App implements AutoCloseable {
        final MockServletContext context = new MockServletContext();
        final RollingSessionFilter filter = new RollingSessionFilter();

        App(String... keyValues) throws Exception {
            context.setContextPath("/app");
            context.setAttribute(SessionStore.ATTRIBUTE, store);
            context.addInitParameter("staleguard.session-cookie", "SID;path=/app");
            for (int i = 0; i < keyValues.length; i += 2) {
                context.addInitParameter("staleguard." + keyValues[i], keyValues[i + 1]);
            }
            filter.init(new MockFilterConfig(context, "rolling"));
        }

        RawResponse request(String pathInApp, String id) throws Exception {
            MockHttpServletRequest request = new MockHttpServletRequest(context, "GET", "/app" + pathInApp);
            request.setContextPath("/app");
            request.setServletPath(pathInApp);
            request.setCookies(new Cookie("SID", id));
            RawResponse response = new RawResponse();
            FilterChain app = (req, res) -> ((HttpServletResponse) res).setStatus(200);
            filter.doFilter(request, response, app);
            return response;
        }

        @Override
        public void close() {
            filter.destroy();
        }
    }
}
