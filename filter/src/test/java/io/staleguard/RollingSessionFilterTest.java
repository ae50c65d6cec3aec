package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static io.staleguard.RollingApp.ok;
import static io.staleguard.RollingApp.request;
import static io.staleguard.RollingApp.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

import io.staleguard.internal.RequestState;
import io.staleguard.internal.http.SetCookies;
import io.staleguard.internal.ops.Counter;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.store.TestStores;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.MutableClock;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;

@DisplayName("RollingSessionFilter: R1–R7 at the raw-header level")
class RollingSessionFilterTest {

    static final Duration INACTIVITY = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);

    final MutableClock clock = MutableClock.atNow();
    final InMemorySessionStore memory = TestStores.inMemory(clock);
    final CountingStore store = new CountingStore(memory);
    RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    String newSession() {
        String id = "s" + System.nanoTime();
        memory.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        return id;
    }

    /** A session in active use for {@code absolute} minus {@code left}: its absolute limit is {@code left} away. */
    String sessionEndingIn(Duration left) {
        String id = "s" + System.nanoTime();
        Instant now = clock.instant();
        memory.create(id, new StoredSession(now.minus(ABSOLUTE).plus(left), now.plus(Duration.ofMinutes(1)), now.plus(left)));
        return id;
    }

    RollingApp rolling(String... keyValues) throws ServletException {
        List<String> params = new ArrayList<>(List.of("rolling", "true"));
        params.addAll(List.of(keyValues));
        app = RollingApp.start(store, params.toArray(String[]::new)).clock(clock);
        return app;
    }

    /** The exact header a refreshed SID cookie with {@code seconds} to live must be. */
    String refreshed(String id, long seconds) {
        return COOKIE + "=" + id + "; Max-Age=" + seconds + "; Expires="
                + SetCookies.httpDate(clock.instant().plusSeconds(seconds)) + "; Path=/app; HttpOnly; SameSite=Lax";
    }

    @Nested
    @DisplayName("R1 off means off")
    class Off {

        @Test
        @DisplayName("R1: rolling=false (the default) makes zero store calls, writes no Set-Cookie, does not wrap")
        void defaultOff() throws Exception {
            app = RollingApp.start(store);
            String id = newSession();
            store.reset();
            AtomicReference<Object> seen = new AtomicReference<>();
            RawResponse response = new RawResponse();
            app.run(withSession("/page", id), response, (req, res) -> {
                seen.set(res);
                res.addHeader("Set-Cookie", COOKIE + "=" + id + "; Max-Age=99999999; Path=/app");
            });
            assertEquals(0, store.calls(), "store calls");
            assertSame(response, seen.get(), "the application gets the container's response, unwrapped");
            assertEquals(List.of(COOKIE + "=" + id + "; Max-Age=99999999; Path=/app"), response.headers("Set-Cookie"),
                    "nothing written, nothing gated or clamped");
            assertTrue(response.headers("Cache-Control").isEmpty());
        }

        @Test
        @DisplayName("R1: rolling=false needs no store at all, even when registered explicitly")
        void offWithoutStore() throws Exception {
            app = RollingApp.start(null, "rolling", "false");
            RawResponse r = app.run(withSession("/page", "whatever"), ok());
            assertEquals(200, r.getStatus());
            assertTrue(r.headers("Set-Cookie").isEmpty());
        }

        @Test
        @DisplayName("R1: the drop-in registration with rolling unset makes zero store calls")
        void dropInOff() throws Exception {
            app = RollingApp.unstarted(store);
            MockFilterConfig config = new MockFilterConfig(app.context, "staleguard-rolling-drop-in");
            config.addInitParameter("io.staleguard.drop-in", "true");
            app.rolling.init(config);
            app.stale.init(new MockFilterConfig(app.context, "staleguard"));
            String id = newSession();
            store.reset();
            RawResponse r = app.run(withSession("/page", id), ok());
            assertEquals(0, store.calls());
            assertTrue(r.headers("Set-Cookie").isEmpty());
        }

        @Test
        @DisplayName("R1: rolling=true without any session store fails the deployment, naming the key and an example")
        void rollingNeedsStore() {
            RollingApp unstarted = RollingApp.unstarted(null, "rolling", "true");
            ServletException e = assertThrows(ServletException.class,
                    () -> unstarted.rolling.init(new MockFilterConfig(unstarted.context, "rolling")));
            assertTrue(e.getMessage().contains("rolling is true"), e.getMessage());
            assertTrue(e.getMessage().contains("store=memory"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("R2 atomic touch")
    class Touch {

        @Test
        @DisplayName("R2: one touch extends the record to now + inactivity and refreshes the cookie, same attributes")
        void touches() throws Exception {
            rolling();
            String id = newSession();
            clock.advance(Duration.ofMinutes(10));
            store.reset();
            RawResponse r = app.run(withSession("/page", id), ok());
            assertEquals(1, store.touches.get());
            assertEquals(1, store.calls());
            assertEquals(clock.instant().plus(INACTIVITY), memory.lookup(id).orElseThrow().expiresAt());
            assertEquals(List.of(refreshed(id, INACTIVITY.getSeconds())), r.headers("Set-Cookie"));
            assertEquals(1, app.counters().get(Counter.ROLLED));
        }

        @Test
        @DisplayName("R2: the refreshed cookie is on the response before the application runs")
        void beforeTheApp() throws Exception {
            rolling();
            String id = newSession();
            List<String> seenByApp = new ArrayList<>();
            app.run(withSession("/page", id), (req, res) -> seenByApp.addAll(res.getHeaders("Set-Cookie")));
            assertEquals(List.of(refreshed(id, INACTIVITY.getSeconds())), seenByApp);
        }

        @Test
        @DisplayName("R2: a logout in the same request writes its expiry after the refreshed cookie, so the logout wins")
        void logoutInSameResponseWins() throws Exception {
            rolling();
            String id = newSession();
            RawResponse r = app.run(withSession("/logout", id), RollingApp.logout());
            List<String> cookies = r.setCookies(COOKIE);
            assertEquals(2, cookies.size(), cookies.toString());
            assertEquals(refreshed(id, INACTIVITY.getSeconds()), cookies.get(0));
            assertEquals(COOKIE + "=; Max-Age=0; Expires=" + SetCookies.EXPIRES_EPOCH + "; Path=/app; HttpOnly; SameSite=Lax",
                    cookies.get(1), "the last Set-Cookie for a name and path is the one the browser keeps");
            assertTrue(memory.lookup(id).isEmpty());
        }

        @Test
        @DisplayName("R2: near the absolute limit the record and the cookie stop at createdAt + absolute")
        void absoluteCap() throws Exception {
            rolling();
            String id = sessionEndingIn(Duration.ofMinutes(10));
            RawResponse r = app.run(withSession("/page", id), ok());
            Instant limit = clock.instant().plus(Duration.ofMinutes(10));
            assertEquals(limit, memory.lookup(id).orElseThrow().expiresAt());
            assertEquals(List.of(refreshed(id, 600)), r.headers("Set-Cookie"));
        }

        @Test
        @DisplayName("R2: a request without the session cookie touches nothing")
        void noCookie() throws Exception {
            rolling();
            RawResponse r = app.run(request("/page", "other", "x"), ok());
            assertEquals(0, store.calls());
            assertTrue(r.headers("Set-Cookie").isEmpty());
        }

        @Test
        @DisplayName("R2: session-cookie's domain and a Secure request shape the refreshed cookie")
        void attributes() throws Exception {
            app = RollingApp.unstarted(store, "rolling", "true", "cookie-same-site", "Strict");
            app.context.addInitParameter("staleguard.session-cookie", COOKIE + ";path=/;domain=.example.com");
            app.init().clock(clock);
            String id = newSession();
            MockHttpServletRequest req = withSession("/page", id);
            req.setSecure(true);
            RawResponse r = app.run(req, ok());
            assertEquals(List.of(COOKIE + "=" + id + "; Max-Age=1800; Expires="
                    + SetCookies.httpDate(clock.instant().plusSeconds(1800))
                    + "; Path=/; Domain=.example.com; Secure; HttpOnly; SameSite=Strict"), r.headers("Set-Cookie"));
        }
    }

    @Nested
    @DisplayName("R3 gate")
    class Gate {

        @Test
        @DisplayName("R3: gone means no refreshed cookie and no expiring cookie either")
        void goneWritesNothing() throws Exception {
            rolling();
            String id = newSession();
            memory.delete(id);
            MockHttpServletRequest req = withSession("/page", id);
            RawResponse r = app.run(req, ok());
            assertEquals(200, r.getStatus());
            assertTrue(r.headers("Set-Cookie").isEmpty(), r.headers("Set-Cookie").toString());
            assertNull(RequestState.rollingAliveOf(req), "StaleSessionFilter, mapped first, has checked already: "
                    + "nothing to hand on (mapped after it, markedStaleForB2)");
            assertEquals(1, app.counters().get(Counter.GONE));
            assertTrue(memory.lookup(id).isEmpty(), "never re-created");
        }

        @Test
        @DisplayName("R3: the application's Set-Cookie for the same dead id is dropped: header, setHeader and addCookie")
        void dropsSameId() throws Exception {
            rolling();
            String id = newSession();
            memory.delete(id);
            RawResponse r = app.run(withSession("/page", id), (req, res) -> {
                res.addHeader("Set-Cookie", COOKIE + "=" + id + "; Max-Age=1800; Path=/app; HttpOnly");
                res.setHeader("Set-Cookie", COOKIE + "=\"" + id + "\"; Path=/app");
                res.addCookie(new Cookie(COOKIE, id));
                Cookie persistent = new Cookie(COOKIE, id);
                persistent.setMaxAge(3600);
                res.addCookie(persistent);
            });
            assertTrue(r.headers("Set-Cookie").isEmpty(), r.headers("Set-Cookie").toString());
        }

        @Test
        @DisplayName("R3: a cookie with a new id (sign-in, rotation) passes the gate; so do other cookies")
        void newIdPasses() throws Exception {
            rolling();
            String id = newSession();
            memory.delete(id);
            RawResponse r = app.run(withSession("/login", id), (req, res) -> {
                res.addHeader("Set-Cookie", COOKIE + "=fresh-id; Path=/app; HttpOnly");
                res.addHeader("Set-Cookie", "theme=dark; Path=/");
            });
            assertEquals(List.of(COOKIE + "=fresh-id; Path=/app; HttpOnly", "theme=dark; Path=/"),
                    r.headers("Set-Cookie"));
        }

        @Test
        @DisplayName("R3: an expiry for the dead id passes: it cannot revive anything")
        void expiryPasses() throws Exception {
            rolling();
            String id = newSession();
            memory.delete(id);
            RawResponse r = app.run(withSession("/page", id),
                    (req, res) -> res.addHeader("Set-Cookie", COOKIE + "=" + id + "; Max-Age=0; Path=/app"));
            assertEquals(List.of(COOKIE + "=" + id + "; Max-Age=0; Path=/app"), r.headers("Set-Cookie"));
        }

        @Test
        @DisplayName("R3: after Staleguard.logout, the application cannot set the old id again")
        void afterLogout() throws Exception {
            rolling();
            String id = newSession();
            RawResponse r = app.run(withSession("/logout", id), (req, res) -> {
                Staleguard.logout(req, res);
                res.addHeader("Set-Cookie", COOKIE + "=" + id + "; Max-Age=1800; Path=/app");
            });
            List<String> cookies = r.setCookies(COOKIE);
            assertTrue(cookies.get(cookies.size() - 1).startsWith(COOKIE + "=; Max-Age=0"), cookies.toString());
        }

        @Test
        @DisplayName("R3 with B2: mapped before StaleSessionFilter, a gone touch lets B2 recover without another store call")
        void markedStaleForB2() throws Exception {
            app = RollingApp.unstarted(store, "rolling", "true", "interaction-paths", "/consent/*").rollingFirst().init()
                    .clock(clock);
            String id = newSession();
            memory.delete(id);
            store.reset();
            RawResponse r = app.run(RollingApp.navigate("/consent/confirm", COOKIE, id), (req, res) -> {
                throw new AssertionError("B2 recovers before the application runs");
            });
            assertEquals(303, r.getStatus());
            assertEquals(1, store.calls(), "the touch only: B2 trusted its answer");
            assertEquals(EndReason.NOT_FOUND, app.events.get(0).reason());
        }
    }

    @Nested
    @DisplayName("R4 unavailable")
    class Unavailable {

        final SessionStore down = new SessionStore() {
            @Override
            public Optional<StoredSession> lookup(String id) {
                throw new StoreUnavailableException("connection refused");
            }

            @Override
            public TouchResult touchIfPresent(String id, Instant newExpiry) {
                throw new StoreUnavailableException("connection refused");
            }

            @Override
            public void delete(String id) {
                throw new AssertionError("R4: nothing may be deleted");
            }
        };

        @Test
        @DisplayName("R4: store unavailable: no cookie, no deletion, no event, the request proceeds; one WARN a minute")
        void proceeds() throws Exception {
            app = RollingApp.start(down, "rolling", "true", "interaction-paths", "/consent/*");
            try (LogCapture logs = new LogCapture()) {
                for (String path : List.of("/page", "/consent/x")) {
                    RawResponse r = app.run(withSession(path, "abc"), ok());
                    assertEquals(200, r.getStatus());
                    assertEquals("ok", r.body());
                    assertTrue(r.headers("Set-Cookie").isEmpty(), r.headers("Set-Cookie").toString());
                }
                assertTrue(app.events.isEmpty());
                assertEquals(3, app.counters().get(Counter.UNAVAILABLE), "touch, B2 lookup, touch");
                List<String> warnings = logs.messages(Level.WARNING);
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(warnings.get(0).startsWith("SG0010"), warnings.get(0));
            }
        }
    }

    @Nested
    @DisplayName("R5 no caching")
    class NoCaching {

        @Test
        @DisplayName("R5: a refreshed cookie comes with Cache-Control: private, no-cache, no-store, must-revalidate and Vary: Cookie")
        void refreshed() throws Exception {
            rolling();
            RawResponse r = app.run(withSession("/page", newSession()), ok());
            assertEquals(List.of("private, no-cache, no-store, must-revalidate"), r.headers("Cache-Control"));
            assertEquals(List.of("Cookie"), r.headers("Vary"));
        }

        @Test
        @DisplayName("R5: the application cannot make it cacheable afterwards, and its own Vary keeps Cookie")
        void appCannotUndo() throws Exception {
            rolling();
            RawResponse r = app.run(withSession("/page", newSession()), (req, res) -> {
                res.setHeader("Cache-Control", "public, max-age=3600");
                res.addHeader("Cache-Control", "immutable");
                res.setHeader("Vary", "Accept-Encoding");
            });
            assertEquals(List.of("private, no-cache, no-store, must-revalidate"), r.headers("Cache-Control"));
            assertEquals(List.of("Accept-Encoding", "Cookie"), r.headers("Vary"));
        }

        @Test
        @DisplayName("R5: a session cookie the application writes (sign-in) gets the same headers, replacing its caching")
        void appWritten() throws Exception {
            rolling();
            RawResponse r = app.run(request("/login"), (req, res) -> {
                res.setHeader("Cache-Control", "public, max-age=600");
                res.addHeader("Vary", "Accept");
                res.addHeader("Set-Cookie", COOKIE + "=new; Path=/app; HttpOnly");
            });
            assertEquals(List.of("private, no-cache, no-store, must-revalidate"), r.headers("Cache-Control"));
            assertEquals(List.of("Accept", "Cookie"), r.headers("Vary"));
        }

        @Test
        @DisplayName("R5: responses that set no session cookie keep their own caching")
        void untouchedOtherwise() throws Exception {
            rolling();
            RawResponse r = app.run(request("/static/app.js"), (req, res) -> {
                res.setHeader("Cache-Control", "public, max-age=600");
                res.addHeader("Set-Cookie", "theme=dark");
            });
            assertEquals(List.of("public, max-age=600"), r.headers("Cache-Control"));
            assertTrue(r.headers("Vary").isEmpty());
        }
    }

    @Nested
    @DisplayName("R6 lifetime cap")
    class Cap {

        @Test
        @DisplayName("R6: max-cookie-age caps the refreshed cookie below the record's expiry")
        void maxCookieAge() throws Exception {
            rolling("max-cookie-age", "PT10M");
            String id = newSession();
            RawResponse r = app.run(withSession("/page", id), ok());
            assertEquals(List.of(refreshed(id, 600)), r.headers("Set-Cookie"));
        }

        @Test
        @DisplayName("R6: app-written session cookies are clamped to max-cookie-age: Max-Age, Expires and addCookie")
        void appWrittenClamped() throws Exception {
            rolling("absolute", "P30D");
            String year = SetCookies.httpDate(clock.instant().plus(Duration.ofDays(365)));
            String week = SetCookies.httpDate(clock.instant().plus(Duration.ofDays(7)));
            RawResponse r = app.run(request("/login"), (req, res) -> {
                res.addHeader("Set-Cookie", COOKIE + "=a; Max-Age=31536000; Path=/app; HttpOnly");
                res.addHeader("Set-Cookie", COOKIE + "=b; Expires=" + year + "; Path=/app");
                Cookie c = new Cookie(COOKIE, "c");
                c.setMaxAge(31_536_000);
                c.setPath("/app");
                res.addCookie(c);
            });
            assertEquals(List.of(COOKIE + "=a; Path=/app; HttpOnly; Max-Age=604800",
                    COOKIE + "=b; Expires=" + week + "; Path=/app; Max-Age=604800"), r.headers("Set-Cookie").subList(0, 2));
            assertTrue(r.headers("Set-Cookie").get(2).startsWith(COOKIE + "=c; Max-Age=604800;"),
                    r.headers("Set-Cookie").get(2));
        }

        @Test
        @DisplayName("R6: re-setting the touched id cannot outlive its record; browser-session cookies stay as they are")
        void touchedIdClampedToRecord() throws Exception {
            rolling();
            String id = sessionEndingIn(Duration.ofMinutes(5));
            RawResponse r = app.run(withSession("/page", id), (req, res) -> {
                res.addHeader("Set-Cookie", COOKIE + "=" + id + "; Max-Age=86400; Path=/app");
                res.addHeader("Set-Cookie", COOKIE + "=other; Path=/app");
            });
            assertEquals(List.of(refreshed(id, 300), COOKIE + "=" + id + "; Path=/app; Max-Age=300",
                    COOKIE + "=other; Path=/app"), r.headers("Set-Cookie"));
        }

        @Test
        @DisplayName("R6 R1: rolling=false with max-cookie-age set: the app's 3-month session cookie leaves with "
                + "P7D (not absolute's PT12H), with zero store calls and no cookie of Staleguard's own")
        void capWithoutRolling() throws Exception {
            app = RollingApp.start(store, "max-cookie-age", "P7D").clock(clock);
            String id = newSession();
            store.reset();
            String months = SetCookies.httpDate(clock.instant().plus(Duration.ofDays(90)));
            String week = SetCookies.httpDate(clock.instant().plus(Duration.ofDays(7)));
            AtomicReference<Object> seen = new AtomicReference<>();
            RawResponse response = new RawResponse();
            app.run(withSession("/page", id), response, (req, res) -> {
                seen.set(res);
                res.addHeader("Set-Cookie", COOKIE + "=" + id + "; Max-Age=7776000; Path=/app; HttpOnly");
                res.addHeader("Set-Cookie", COOKIE + "=" + id + "; Expires=" + months + "; Path=/app");
                Cookie c = new Cookie(COOKIE, id);
                c.setMaxAge(7_776_000);
                c.setPath("/app");
                res.addCookie(c);
                res.addHeader("Set-Cookie", "theme=dark; Max-Age=7776000");
            });
            assertEquals(0, store.calls(), "store calls");
            List<String> cookies = response.headers("Set-Cookie");
            assertEquals(List.of(COOKIE + "=" + id + "; Path=/app; HttpOnly; Max-Age=604800",
                    COOKIE + "=" + id + "; Expires=" + week + "; Path=/app; Max-Age=604800"), cookies.subList(0, 2));
            assertTrue(cookies.get(2).startsWith(COOKIE + "=" + id + "; Max-Age=604800;"), cookies.get(2));
            assertEquals("theme=dark; Max-Age=7776000", cookies.get(3), "other cookies are the application's business");
            assertEquals(4, cookies.size(), "no refreshed cookie: nothing was touched");
            assertNotSame(response, seen.get(), "the application writes through the gate");
            assertEquals(List.of("private, no-cache, no-store, must-revalidate"), response.headers("Cache-Control"));
        }

        @Test
        @DisplayName("R6 R1: the cap without rolling needs no session store; expiries and browser-session cookies pass "
                + "unchanged")
        void capWithoutStore() throws Exception {
            app = RollingApp.start(null, "rolling", "false", "max-cookie-age", "PT1H").clock(clock);
            RawResponse r = app.run(RollingApp.navigate("/login"), (req, res) -> {
                res.addHeader("Set-Cookie", COOKIE + "=new; Max-Age=86400; Path=/app");
                res.addHeader("Set-Cookie", COOKIE + "=session-only; Path=/app");
                res.addHeader("Set-Cookie", COOKIE + "=; Max-Age=0; Path=/app");
            });
            assertEquals(List.of(COOKIE + "=new; Path=/app; Max-Age=3600", COOKIE + "=session-only; Path=/app",
                    COOKIE + "=; Max-Age=0; Path=/app"), r.headers("Set-Cookie"));
        }

        @Test
        @DisplayName("R6: with defaults, no session cookie leaves with more than absolute (PT12H) < max-cookie-age (P7D)")
        void defaultsCapAtAbsolute() throws Exception {
            rolling();
            RawResponse r = app.run(request("/login"),
                    (req, res) -> res.addHeader("Set-Cookie", COOKIE + "=n; Max-Age=999999999; Path=/app"));
            assertEquals(List.of(COOKIE + "=n; Path=/app; Max-Age=43200"), r.headers("Set-Cookie"));
        }
    }

    @Nested
    @DisplayName("R7 touch interval")
    class Interval {

        @Test
        @DisplayName("R7: within touch-interval a session is neither touched nor re-cookied; after it, it is again")
        void interval() throws Exception {
            rolling("touch-interval", "PT1M", "rolling-exclude", "/static/*");
            String id = newSession();
            store.reset();
            RawResponse first = app.run(withSession("/page", id), ok());
            assertEquals(1, store.calls());
            assertEquals(1, first.setCookies(COOKIE).size());

            clock.advance(Duration.ofSeconds(59));
            RawResponse within = app.run(withSession("/page", id), ok());
            assertEquals(1, store.calls(), "no touch within the interval");
            assertTrue(within.headers("Set-Cookie").isEmpty());

            clock.advance(Duration.ofSeconds(1));
            RawResponse after = app.run(withSession("/page", id), ok());
            assertEquals(2, store.calls());
            assertEquals(List.of(refreshed(id, INACTIVITY.getSeconds())), after.headers("Set-Cookie"));
        }

        @Test
        @DisplayName("R7: a touch-interval not shorter than inactivity fails the deployment")
        void tooLong() {
            RollingApp unstarted = RollingApp.unstarted(store, "rolling", "true", "touch-interval", "PT30M");
            ServletException e = assertThrows(ServletException.class,
                    () -> unstarted.rolling.init(new MockFilterConfig(unstarted.context, "rolling")));
            assertTrue(e.getMessage().contains("staleguard.touch-interval"), e.getMessage());
            assertTrue(e.getMessage().contains("PT30M"), e.getMessage());
        }
    }

    @Test
    @DisplayName("R2: rolling-exclude paths are neither touched nor re-cookied, but the gate still clamps")
    void exclude() throws Exception {
        rolling("rolling-exclude", "/static/*, *.css");
        String id = newSession();
        store.reset();
        RawResponse js = app.run(withSession("/static/app.js", id), ok());
        RawResponse css = app.run(withSession("/theme.css", id),
                (req, res) -> res.addHeader("Set-Cookie", COOKIE + "=x; Max-Age=99999999; Path=/app"));
        assertEquals(0, store.calls());
        assertTrue(js.headers("Set-Cookie").isEmpty());
        assertEquals(List.of(COOKIE + "=x; Path=/app; Max-Age=43200"), css.headers("Set-Cookie"));
        assertFalse(memory.lookup(id).isEmpty());
    }
}
