package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.staleguard.internal.ops.Counter;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.RawResponse;
import io.staleguard.testing.TcpProxy;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Incident 4 as a drill, for any store whose client reaches its server through a {@link TcpProxy} (T1, T2, T3, R4).
 * Shared through the test jar: {@code JdbcFaultInjectionTest} runs it on PostgreSQL, {@code RedisFaultInjectionTest}
 * on Redis. Every request goes through {@link StaleSessionFilter} and {@link RollingSessionFilter} (rolling on,
 * {@code interaction-paths=/consent/*}) into an application that keeps its sessions in the same store.
 * <p>
 * {@link #outage(Fault)}: a signed-in user keeps clicking while the store fails, mid-request and between requests, then
 * the store comes back. Every answer is either the application's own (the request proceeds) or {@code on-unavailable}'s
 * 503; nothing expires the session cookie, no record is deleted, no {@link SessionEnded} fires; afterwards the same
 * session works without signing in again. {@link #reallyGone()}: when a session really is gone, a server-rendered page
 * (no script to clean up after it) gets the cookie expired and one event in the same response, and the next request
 * carries no dead cookie.
 * <p>
 * Counts go to a {@link Table}; the assertions are on the counts, so a broken store or filter shows up in the table
 * as well as in the failure.
 */
public final class FaultDrill {

    /** What is injected. */
    public enum Fault {
        /** Every connection cut, new ones refused. */
        CUT("cut connections"),
        /** Every byte held far longer than the client's timeout. */
        DELAY("delay beyond timeout");

        final String label;

        Fault(String label) {
            this.label = label;
        }
    }

    /** The store under test and its proxy. */
    public interface Target {
        /** @return the store's name for the table, e.g. "PostgreSQL" */
        String name();

        /** @return the store, whose client reaches the server through {@link #proxy()} */
        SessionStore store();

        TcpProxy proxy();

        /** @return a delay longer than the client's timeout */
        Duration beyondTimeout();

        /** @return whether the record of {@code id} exists, read around the store (a row, a key) */
        boolean holds(String id) throws Exception;
    }

    /** One line of the fault table. */
    public record Row(String store, String fault, int injected, int requests, int unavailable, int proceeded,
            int sessionsLost, int cookiesWronglyExpired, int events, int recordsDeleted) {

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | **%d** | **%d** | %d | %d |", store,
                    fault, injected, requests, unavailable, proceeded, sessionsLost, cookiesWronglyExpired, events,
                    recordsDeleted);
        }
    }

    /** The rows of a test class, printed as a Markdown table (the README's). */
    public static final class Table {
        private final List<Row> rows = new CopyOnWriteArrayList<>();

        public void add(Row row) {
            rows.add(row);
        }

        public void print(String title) {
            System.out.printf(Locale.ROOT, "%n=== %s ===%n", title);
            System.out.println("| store | fault | faults injected | requests during faults | 503 retry-later | "
                    + "proceeded | sessions lost | cookies wrongly expired | SessionEnded | records deleted |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            rows.forEach(r -> System.out.println(r.markdown()));
        }
    }

    static final String COOKIE = RollingApp.COOKIE;

    private final Target target;
    private final SessionStore store;

    public FaultDrill(Target target) {
        this.target = target;
        this.store = target.store();
    }

    /** A new live session in the store, created while the store is healthy. */
    public String newSession() {
        String id = "drill-" + Long.toHexString(System.nanoTime()) + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        store.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }

    /**
     * T1, R4: the store fails twice (inside a request, after the touch; and between requests) while the user goes on;
     * then it heals.
     */
    public Row outage(Fault fault) throws Exception {
        Tally tally = new Tally();
        String id = newSession();
        try (RollingApp app = RollingApp.start(store, "rolling", "true", "interaction-paths", "/consent/*")) {
            RawResponse before = app.run(page(id), signedIn());
            assertEquals(200, before.getStatus());
            assertEquals(1, before.setCookies(COOKIE).size(), "rolling works before the fault: " + before.headers("Set-Cookie"));

            // 1. Mid-request: the touch has succeeded, then the store fails before the application reads the session.
            tally.injected++;
            RawResponse mid = app.run(page(id), (req, res) -> {
                inject(fault);
                wrapped(() -> signedIn().handle(req, res));
            });
            tally.count(mid);
            assertEquals(503, mid.getStatus(), "T1: the failed read is on-unavailable's 503, nothing else");
            assertEquals(List.of("5"), mid.headers("Retry-After"));
            target.proxy().heal();
            awaitStore(id);

            // 2. Between requests: the user clicks on while the store is down.
            tally.injected++;
            inject(fault);
            requestsDuringFault(app, id, tally, fault);
            target.proxy().heal();
            awaitStore(id);

            // The same session, without signing in again.
            RawResponse after = app.run(page(id), signedIn());
            assertEquals(200, after.getStatus(), after.body());
            assertEquals("signed in", after.body());
            boolean resumed = after.setCookies(COOKIE).size() == 1 && !isExpiry(after.setCookies(COOKIE).get(0));
            RawResponse consent = app.run(navigate("/consent/x", id), signedIn());
            if (!target.holds(id)) {
                tally.recordsDeleted++;
            }
            if (!resumed || consent.getStatus() != 200 || store.lookupAuthoritative(id).isEmpty()) {
                tally.sessionsLost++;
            }
            tally.events += app.events.size();
            Row row = tally.row(target.name(), fault.label);
            assertEquals(0, row.sessionsLost(), "sessions lost: " + row);
            assertEquals(0, row.cookiesWronglyExpired(), "cookies wrongly expired: " + row);
            assertEquals(0, row.events(), "SessionEnded fired for a store outage: " + app.events);
            assertEquals(0, row.recordsDeleted(), "records deleted: " + row);
            assertTrue(app.counters().get(Counter.UNAVAILABLE) >= row.requests(), "every failure was counted as unavailable");
            return row;
        } finally {
            target.proxy().heal();
        }
    }

    /** The requests of one outage: page loads, an interaction page, a script call and a stale-looking failure. */
    private void requestsDuringFault(RollingApp app, String id, Tally tally, Fault fault) throws Exception {
        // R4: a page whose application does not need the store: the touch fails, the page is served, no cookie.
        RawResponse page = app.run(page(id), (req, res) -> {
            res.setStatus(200);
            res.getWriter().write("no store needed");
        });
        tally.count(page);
        assertEquals(200, page.getStatus());
        assertEquals("no store needed", page.body());

        // T1 + B2: an interaction page: detection cannot tell, so the application runs, untouched.
        RawResponse consent = app.run(navigate("/consent/x", id), (req, res) -> {
            res.setStatus(200);
            res.getWriter().write("consent page");
        });
        tally.count(consent);
        assertEquals(200, consent.getStatus(), "T1: an unavailable store is never 'gone'");
        assertEquals("consent page", consent.body());

        // T1: a script call whose application needs the store: 503 problem+json with Retry-After.
        RawResponse api = app.run(RollingApp.withSession("/api/data", id), signedIn());
        tally.count(api);
        assertEquals(503, api.getStatus());
        assertEquals("application/problem+json;charset=UTF-8", api.getContentType());
        assertTrue(api.body().contains("\"retry\":true"), api.body());
        assertEquals(List.of("5"), api.headers("Retry-After"));

        // T1: a server-rendered page whose framework reports "not found" around the store failure: transient wins.
        RawResponse wrapped = app.run(page(id), (req, res) -> {
            try {
                store.lookup(id);
            } catch (StoreUnavailableException e) {
                throw new ServletException(new SessionNotFoundException("session lookup failed", e));
            }
            res.setStatus(200);
        });
        tally.count(wrapped);
        assertEquals(503, wrapped.getStatus(), "T1: transient wins over stale in one cause chain");
        assertTrue(wrapped.getContentType().startsWith("text/html"), wrapped.getContentType());
        assertTrue(wrapped.body().contains("Try again"), wrapped.body());

        // T1: signing out while the store is cut off: 503, and nothing of the sign-out happens, so the user can retry.
        // Not while it stalls: a delete that times out on the client may still reach the store when the network
        // recovers, and then the session ends as the user asked; that is a late logout, not a lost session.
        if (fault == Fault.CUT) {
            RawResponse logout = app.run(post("/logout", id), (req, res) -> {
                wrapped(() -> Staleguard.logout(req, res));
                res.setStatus(200);
            });
            tally.count(logout);
            assertEquals(503, logout.getStatus(), "T1: the failed logout is on-unavailable's 503, nothing else");
        }
    }

    /**
     * T3: the session really is gone (deleted by another node's logout, or expired). A server-rendered page gets the
     * cookie expired and exactly one event in the same response, both when detection finds it (B2, an interaction
     * page) and when the application finds it (B1, any page); the next request carries no dead cookie and is served.
     */
    public Row reallyGone() throws Exception {
        Tally tally = new Tally();
        try (RollingApp app = RollingApp.start(store, "rolling", "true", "interaction-paths", "/consent/*")) {
            for (String path : List.of("/consent/x", "/page")) {
                String id = newSession();
                Map<String, String> jar = new LinkedHashMap<>();
                jar.put(COOKIE, id);
                assertEquals(200, app.run(navigate(path, jar), signedIn()).getStatus(), "signed in");
                store.delete(id);
                tally.injected++;
                int eventsBefore = app.events.size();

                RawResponse gone = app.run(navigate(path, jar), signedIn());
                tally.requests++;
                List<String> expiries = gone.setCookies(COOKIE);
                assertEquals(303, gone.getStatus(), path + ": " + gone.body());
                assertEquals(1, expiries.size(), "T3: the dead cookie is expired in the same response: " + expiries);
                assertTrue(isExpiry(expiries.get(0)) && expiries.get(0).contains("; Path=/app"), expiries.get(0));
                assertEquals(eventsBefore + 1, app.events.size(), "T3: exactly one SessionEnded");
                assertEquals(EndReason.NOT_FOUND, app.events.get(app.events.size() - 1).reason());
                apply(jar, gone);
                assertTrue(!jar.containsKey(COOKIE), "the browser dropped the dead cookie: " + jar);

                RawResponse next = app.run(navigate(path, jar), signedIn());
                tally.requests++;
                if (next.getStatus() == 200) {
                    tally.proceeded++;
                }
                assertEquals(200, next.getStatus(), "T3: no loop: the next request is served");
                assertEquals("signed out", next.body());
                assertEquals(eventsBefore + 1, app.events.size(), "no second event");
            }
            tally.events = app.events.size();
        }
        return tally.row(target.name(), "really gone (T3)");
    }

    /** The application: a signed-in page if the store has the session, "signed out" without a cookie. */
    RollingApp.App signedIn() {
        return (req, res) -> {
            Cookie[] cookies = req.getCookies();
            String id = null;
            if (cookies != null) {
                for (Cookie c : cookies) {
                    if (COOKIE.equals(c.getName())) {
                        id = c.getValue();
                    }
                }
            }
            res.setStatus(200);
            if (id == null) {
                res.getWriter().write("signed out");
                return;
            }
            Optional<StoredSession> session = store.lookupAuthoritative(id);
            if (session.isEmpty()) {
                throw new SessionNotFoundException("no session for this cookie");
            }
            res.getWriter().write("signed in");
        };
    }

    private void inject(Fault fault) {
        if (fault == Fault.CUT) {
            target.proxy().drop();
        } else {
            target.proxy().delay(target.beyondTimeout());
        }
    }

    /** Calls the store the way frameworks do: its exception arrives wrapped. */
    private static void wrapped(Call call) throws ServletException {
        try {
            call.run();
        } catch (StoreUnavailableException e) {
            throw new ServletException("request failed", e);
        } catch (java.io.IOException e) {
            throw new ServletException(e);
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws java.io.IOException, ServletException;
    }

    /** Waits (bounded) until the store answers again: a pool or client reconnects on its own schedule. */
    private void awaitStore(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                store.lookupAuthoritative(id);
                return;
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    fail(target.name() + " did not answer again within 60 s after the proxy healed", e);
                }
                Thread.sleep(50);
            }
        }
    }

    static MockHttpServletRequest page(String id) {
        return RollingApp.navigate("/page", COOKIE, id);
    }

    static MockHttpServletRequest navigate(String path, String id) {
        return RollingApp.navigate(path, COOKIE, id);
    }

    static MockHttpServletRequest navigate(String path, Map<String, String> jar) {
        List<String> nameValues = new ArrayList<>();
        jar.forEach((name, value) -> {
            nameValues.add(name);
            nameValues.add(value);
        });
        return RollingApp.navigate(path, nameValues.toArray(String[]::new));
    }

    static MockHttpServletRequest post(String path, String id) {
        MockHttpServletRequest r = RollingApp.navigate(path, COOKIE, id);
        r.setMethod("POST");
        return r;
    }

    /** A browser's cookie jar, for one path: expiries remove, everything else sets. */
    static void apply(Map<String, String> jar, RawResponse response) {
        for (String header : response.headers("Set-Cookie")) {
            String name = header.substring(0, header.indexOf('='));
            if (isExpiry(header)) {
                jar.remove(name);
            } else {
                int end = header.indexOf(';');
                jar.put(name, header.substring(name.length() + 1, end < 0 ? header.length() : end));
            }
        }
    }

    static boolean isExpiry(String setCookie) {
        return setCookie.contains("=;") || setCookie.contains("Max-Age=0");
    }

    /** Counts of one drill. */
    private static final class Tally {
        int injected;
        int requests;
        int unavailable;
        int proceeded;
        int sessionsLost;
        int cookiesWronglyExpired;
        int events;
        int recordsDeleted;

        /** A response given during a fault: the session cookie must not be touched at all. */
        void count(RawResponse r) {
            requests++;
            if (r.getStatus() == 503) {
                unavailable++;
            } else if (r.getStatus() == 200) {
                proceeded++;
            }
            for (String c : r.setCookies(COOKIE)) {
                if (isExpiry(c)) {
                    cookiesWronglyExpired++;
                }
            }
            assertTrue(r.setCookies(COOKIE).isEmpty(), "R4: no session cookie during a fault: " + r.setCookies(COOKIE));
        }

        Row row(String store, String fault) {
            return new Row(store, fault, injected, requests, unavailable, proceeded, sessionsLost,
                    cookiesWronglyExpired, events, recordsDeleted);
        }
    }
}
