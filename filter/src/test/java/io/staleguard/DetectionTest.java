package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;

@DisplayName("B2: on interaction paths a dead session cookie is recovered before the application runs (container mode)")
class DetectionTest {

    private Harness app;
    private final AtomicBoolean appRan = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        app = Harness.withInitParams("interaction-paths", "/interaction/*, /consent");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private RawResponse run(MockHttpServletRequest request) throws Exception {
        return app.run(request, (req, res) -> {
            appRan.set(true);
            res.setStatus(200);
        });
    }

    private static MockHttpServletRequest staleCookie(MockHttpServletRequest request) {
        withCookies(request, "JSESSIONID", "dead");
        request.setRequestedSessionId("dead");
        request.setRequestedSessionIdValid(false);
        return request;
    }

    @Test
    @DisplayName("B2: a dead requested session on an interaction path recovers without calling the app")
    void deadSession() throws Exception {
        RawResponse r = run(staleCookie(navigate("POST", "/interaction/7/confirm")));
        assertFalse(appRan.get());
        assertEquals(303, r.getStatus());
        assertTrue(r.setCookies("JSESSIONID").get(0).startsWith("JSESSIONID=; Max-Age=0"));
        assertEquals(1, app.events.size());
        assertEquals(EndReason.NOT_FOUND, app.events.get(0).reason());
    }

    @Test
    @DisplayName("B2: outside interaction-paths a dead cookie is left to the application")
    void otherPath() throws Exception {
        RawResponse r = run(staleCookie(navigate("GET", "/public/page")));
        assertTrue(appRan.get());
        assertEquals(200, r.getStatus());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("B2: no session cookie at all is not stale: a first visit runs the app")
    void noCookie() throws Exception {
        run(navigate("GET", "/consent"));
        assertTrue(appRan.get());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("B2: a valid session runs the app")
    void validSession() throws Exception {
        MockHttpServletRequest request = withCookies(navigate("GET", "/consent"), "JSESSIONID", "live");
        request.setRequestedSessionId("live");
        request.setRequestedSessionIdValid(true);
        request.getSession(true);
        run(request);
        assertTrue(appRan.get());
    }

    @Test
    @DisplayName("B2: several same-name cookies: alive if the container found a live session for any of them")
    void anyAlive() throws Exception {
        MockHttpServletRequest request = withCookies(navigate("GET", "/consent"), "JSESSIONID", "dead", "JSESSIONID", "live");
        request.setRequestedSessionId("dead");
        request.setRequestedSessionIdValid(false);
        request.getSession(true);
        run(request);
        assertTrue(appRan.get());
        assertTrue(app.events.isEmpty());
    }
}
