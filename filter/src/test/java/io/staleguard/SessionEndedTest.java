package io.staleguard;

import static io.staleguard.testing.Harness.api;
import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;

import io.staleguard.internal.http.SessionIds;
import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

@DisplayName("E1/E2: one SessionEnded per cleanup, and session ids never leave the request")
class SessionEndedTest {

    private static final String SESSION_ID = "Zm9vYmFyLXNlY3JldC1zZXNzaW9uLWlk";

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private MockHttpServletRequest stale(MockHttpServletRequest request) {
        withCookies(request, "JSESSIONID", SESSION_ID);
        request.setRequestedSessionId(SESSION_ID);
        request.setRequestedSessionIdValid(false);
        return request;
    }

    @Test
    @DisplayName("E1: exactly one event with hash, reason, path without query, and time")
    void oneEvent() throws Exception {
        app = Harness.withInitParams();
        Instant before = Instant.now();
        app.run(stale(navigate("POST", "/interaction/1/confirm?code=secret")),
                throwing(new SessionNotFoundException("gone")));
        assertEquals(1, app.events.size());
        SessionEnded e = app.events.get(0);
        assertEquals(SessionIds.hash(SESSION_ID), e.sessionIdHash());
        assertEquals(12, e.sessionIdHash().length());
        assertEquals(EndReason.NOT_FOUND, e.reason());
        assertEquals("/app/interaction/1/confirm", e.requestPath());
        assertFalse(e.at().isBefore(before));
    }

    @Test
    @DisplayName("E1: recovering twice on one request (app calls recover, then throws) ends the session once")
    void onceOnly() throws Exception {
        app = Harness.withInitParams();
        RawResponse r = app.run(stale(navigate("GET", "/page")), (req, res) -> {
            Staleguard.recover(req, res);
            Staleguard.recover(req, res, EndReason.EXPIRED);
            throw new SessionNotFoundException("and the bean noticed too");
        });
        assertEquals(303, r.getStatus());
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("E1: listeners from ServiceLoader and the context attribute both hear it; a failing one changes nothing")
    void failingListener() throws Exception {
        app = Harness.withInitParams();
        RecordingListener.EVENTS.clear();
        RecordingListener.failNext = true;
        try (LogCapture log = new LogCapture()) {
            RawResponse r = app.run(stale(api("GET", "/api")), throwing(new SessionNotFoundException("gone")));
            assertEquals(401, r.getStatus());
            assertTrue(log.messages(Level.WARNING).get(0).startsWith("SG0004"));
        }
        assertEquals(1, app.events.size());
        app.run(stale(api("GET", "/api")), throwing(new SessionNotFoundException("gone")));
        assertEquals(1, RecordingListener.EVENTS.size(), "ServiceLoader listener, second event");
    }

    @Test
    @DisplayName("E1: a burst of requests sharing one session: the one that invalidates it announces it, the others only clean up")
    void burstOnce() throws Exception {
        app = Harness.withInitParams();
        org.springframework.mock.web.MockHttpSession shared = new org.springframework.mock.web.MockHttpSession();
        MockHttpServletRequest first = navigate("GET", "/a");
        first.setSession(shared);
        app.run(withCookies(first, "JSESSIONID", SESSION_ID), throwing(new SessionNotFoundException("gone")));
        assertEquals(1, app.events.size());

        // The container still hands the same, now invalid, session to a request of the same burst.
        MockHttpServletRequest second = navigate("GET", "/b");
        second.setSession(new org.springframework.mock.web.MockHttpSession() {
            @Override
            public void invalidate() {
                throw new IllegalStateException("already invalidated");
            }
        });
        RawResponse r = app.run(withCookies(second, "JSESSIONID", SESSION_ID),
                throwing(new SessionNotFoundException("gone")));
        assertEquals(303, r.getStatus());
        assertTrue(r.setCookies("JSESSIONID").get(0).contains("Max-Age=0"), "the browser's cookie is still cleared");
        assertEquals(1, app.events.size(), "but the session's end is announced once");
    }

    @Test
    @DisplayName("E1: no session id at all gives a null hash, not a hash of nothing")
    void noId() throws Exception {
        app = Harness.withInitParams();
        app.run(navigate("GET", "/page"), throwing(new SessionNotFoundException("gone")));
        assertNull(app.events.get(0).sessionIdHash());
    }

    @Test
    @DisplayName("E2: the session id appears in no log line, no event and no response body, at any log level")
    void neverLogged() throws Exception {
        app = Harness.withInitParams("retry-window", "PT30S");
        try (LogCapture log = new LogCapture()) {
            app.run(stale(navigate("GET", "/page")), throwing(new SessionNotFoundException("gone")));
            MockHttpServletRequest again = stale(navigate("GET", "/page"));
            again.setCookies(new jakarta.servlet.http.Cookie("JSESSIONID", SESSION_ID),
                    new jakarta.servlet.http.Cookie("staleguard-retry", Long.toString(Instant.now().getEpochSecond() + 30)));
            RawResponse loop = app.run(again, throwing(new SessionNotFoundException("gone")));
            assertEquals(400, loop.getStatus());
            assertFalse(loop.body().contains(SESSION_ID));
            assertTrue(log.records.size() >= 2, "debug and warning lines were produced");
            assertFalse(log.all().contains(SESSION_ID), log.all());
        }
        for (SessionEnded e : app.events) {
            assertFalse(e.toString().contains(SESSION_ID));
        }
    }

    @Test
    @DisplayName("E2: a crafted path cannot forge log lines: control characters are escaped")
    void logInjection() throws Exception {
        app = Harness.withInitParams();
        try (LogCapture log = new LogCapture()) {
            MockHttpServletRequest request = navigate("GET", "/page");
            request.setRequestURI("/app/page\r\nSG0001: forged");
            app.run(request, throwing(new SessionNotFoundException("gone")));
            assertFalse(log.all().contains("\r\nSG0001"), log.all());
        }
    }
}
