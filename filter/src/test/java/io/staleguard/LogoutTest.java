package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static io.staleguard.RollingApp.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.staleguard.internal.http.SessionIds;
import io.staleguard.internal.http.SetCookies;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

@DisplayName("Staleguard.logout: delete, invalidate, expire, one SessionEnded(LOGGED_OUT)")
class LogoutTest {

    static final String EXPIRED = COOKIE + "=; Max-Age=0; Expires=" + SetCookies.EXPIRES_EPOCH
            + "; Path=/app; HttpOnly; SameSite=Lax";

    final InMemorySessionStore store = new InMemorySessionStore();
    RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    String live() {
        String id = "s" + System.nanoTime();
        store.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }

    @Test
    @DisplayName("logout deletes the record, invalidates the HttpSession, expires the cookie exactly, fires one event")
    void logout() throws Exception {
        app = RollingApp.start(store);
        String id = live();
        MockHttpServletRequest req = withSession("/logout", id);
        MockHttpSession session = new MockHttpSession();
        req.setSession(session);
        RawResponse r = app.run(req, RollingApp.logout());
        assertTrue(store.lookup(id).isEmpty(), "record deleted");
        assertTrue(session.isInvalid(), "HttpSession invalidated");
        assertEquals(List.of(EXPIRED), r.headers("Set-Cookie"));
        assertEquals(List.of("private, no-cache, no-store, must-revalidate"), r.headers("Cache-Control"));
        assertEquals(List.of("Cookie"), r.headers("Vary"));
        assertEquals(1, app.events.size());
        SessionEnded ended = app.events.get(0);
        assertEquals(EndReason.LOGGED_OUT, ended.reason());
        assertEquals(SessionIds.hash(id), ended.sessionIdHash(), "E2: a hash, never the id");
        assertNotEquals(id, ended.sessionIdHash());
        assertEquals("/app/logout", ended.requestPath());
    }

    @Test
    @DisplayName("logout works when the session is already gone, and twice on one request fires one event")
    void alreadyGone() throws Exception {
        app = RollingApp.start(store, "rolling", "true");
        String id = live();
        store.delete(id);
        RawResponse r = app.run(withSession("/logout", id), (req, res) -> {
            Staleguard.logout(req, res);
            Staleguard.logout(req, res);
        });
        assertEquals(EXPIRED, r.setCookies(COOKIE).get(0));
        assertEquals(1, app.events.size());
        assertEquals(EndReason.LOGGED_OUT, app.events.get(0).reason());
    }

    @Test
    @DisplayName("logout without any session cookie still expires the session cookie and fires the event")
    void noCookie() throws Exception {
        app = RollingApp.start(store);
        RawResponse r = app.run(RollingApp.request("/logout"), RollingApp.logout());
        assertEquals(List.of(EXPIRED), r.headers("Set-Cookie"));
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("logout deletes every session id the request's cookies carry, and expires the configured cookies it sent")
    void everyId() throws Exception {
        app = RollingApp.unstarted(store, "cookies", "_csrf;path=/app/forms").init();
        String a = live();
        String b = live();
        RawResponse r = app.run(RollingApp.request("/logout", COOKIE, a, COOKIE, b, "_csrf", "t", "theme", "d"),
                RollingApp.logout());
        assertTrue(store.lookup(a).isEmpty());
        assertTrue(store.lookup(b).isEmpty());
        assertEquals(List.of(EXPIRED), r.setCookies(COOKIE));
        assertEquals(List.of("_csrf=; Max-Age=0; Expires=" + SetCookies.EXPIRES_EPOCH
                + "; Path=/app/forms; HttpOnly; SameSite=Lax"), r.setCookies("_csrf"));
        assertTrue(r.setCookies("theme").isEmpty(), "unconfigured cookies are the application's business");
    }

    @Test
    @DisplayName("T1: logout with the store unavailable changes nothing (no cookie, no invalidation, no event): 503, or the exception with on-unavailable=propagate")
    void unavailable() throws Exception {
        SessionStore down = new SessionStore() {
            @Override
            public Optional<StoredSession> lookup(String id) {
                throw new StoreUnavailableException("down");
            }

            @Override
            public TouchResult touchIfPresent(String id, Instant newExpiry) {
                throw new StoreUnavailableException("down");
            }

            @Override
            public void delete(String id) {
                throw new StoreUnavailableException("down");
            }
        };
        app = RollingApp.start(down);
        MockHttpServletRequest req = withSession("/logout", "abc");
        MockHttpSession session = new MockHttpSession();
        req.setSession(session);
        RawResponse r = app.run(req, RollingApp.logout());
        assertEquals(503, r.getStatus());
        assertTrue(r.headers("Set-Cookie").isEmpty());
        assertFalse(session.isInvalid());
        assertTrue(app.events.isEmpty());
        app.close();

        app = RollingApp.start(down, "on-unavailable", "propagate");
        MockHttpServletRequest again = withSession("/logout", "abc");
        MockHttpSession alive = new MockHttpSession();
        again.setSession(alive);
        RawResponse propagated = new RawResponse();
        assertThrows(StoreUnavailableException.class, () -> app.run(again, propagated, RollingApp.logout()));
        assertTrue(propagated.headers("Set-Cookie").isEmpty());
        assertFalse(alive.isInvalid());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("logout on a committed response still ends the session and fires the event, and says so")
    void committed() throws Exception {
        app = RollingApp.start(store);
        String id = live();
        RawResponse r = new RawResponse();
        boolean[] written = {true};
        app.run(withSession("/logout", id), r, (req, res) -> {
            res.flushBuffer();
            written[0] = Staleguard.logout(req, res);
        });
        assertFalse(written[0]);
        assertTrue(store.lookup(id).isEmpty());
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("logout needs no filter: container mode from context-params alone")
    void withoutFilter() throws Exception {
        RollingApp bare = RollingApp.unstarted(null);
        MockHttpServletRequest req = new MockHttpServletRequest(bare.context, "POST", "/app/logout");
        req.setContextPath("/app");
        req.setServletPath("/logout");
        req.setCookies(new jakarta.servlet.http.Cookie(COOKIE, "container-id"));
        MockHttpSession session = new MockHttpSession();
        req.setSession(session);
        RawResponse r = new RawResponse();
        assertTrue(Staleguard.logout(req, r));
        assertTrue(session.isInvalid());
        assertEquals(List.of(EXPIRED), r.headers("Set-Cookie"));
    }
}
