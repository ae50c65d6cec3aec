package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.ok;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;

@DisplayName("B7: the signed restart cookie brings the user back to where the flow started")
class RestartCookieTest {

    static final String KEY_NEW = Base64.getEncoder().encodeToString("new-key-0123456789-0123456789-0123".getBytes());
    static final String KEY_OLD = Base64.getEncoder().encodeToString("old-key-0123456789-0123456789-0123".getBytes());
    static final String KEY_GONE = Base64.getEncoder().encodeToString("gone-key-123456789-0123456789-0123".getBytes());

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private Harness start(String keys) throws Exception {
        return Harness.withInitParams("restart-capture-paths", "/authorize", "restart-keys", keys, "restart-url", "/login");
    }

    /** Runs GET /authorize?… and returns the restart cookie's value. */
    private String capture(String query) throws Exception {
        RawResponse r = app.run(navigate("GET", "/authorize?" + query), ok());
        List<String> set = r.setCookies("staleguard-restart");
        assertEquals(1, set.size());
        String header = set.get(0);
        assertTrue(header.matches("staleguard-restart=2\\.\\d+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+; Path=/app; HttpOnly; SameSite=Lax"),
                header);
        return header.substring("staleguard-restart=".length(), header.indexOf(';'));
    }

    private String restartWith(String cookieValue) throws Exception {
        RawResponse r = app.run(withCookies(navigate("POST", "/interaction/1/confirm"), "JSESSIONID", "s",
                "staleguard-restart", cookieValue), throwing(new SessionNotFoundException("gone")));
        assertEquals(303, r.getStatus());
        return r.getHeader("Location");
    }

    @Test
    @DisplayName("B7: a GET on a capture path is remembered and a later recovery restarts there, with the query")
    void roundTrip() throws Exception {
        app = start(KEY_NEW);
        String value = capture("client_id=c1&state=s%201&redirect_uri=https%3A%2F%2Fclient%2Fcb");
        assertEquals("/app/authorize?client_id=c1&state=s%201&redirect_uri=https%3A%2F%2Fclient%2Fcb", restartWith(value));
    }

    @Test
    @DisplayName("B7: only GET requests on capture paths are captured")
    void onlyGetOnCapturePaths() throws Exception {
        app = start(KEY_NEW);
        assertTrue(app.run(navigate("POST", "/authorize?x=1"), ok()).setCookies("staleguard-restart").isEmpty());
        assertTrue(app.run(navigate("GET", "/login"), ok()).setCookies("staleguard-restart").isEmpty());
    }

    @Test
    @DisplayName("B7: a cookie signed with a retired key still in the ring verifies; first key signs")
    void rotation() throws Exception {
        app = start(KEY_OLD);
        String signedByOld = capture("client_id=c1");
        app.close();
        app = start(KEY_NEW + "," + KEY_OLD);
        assertEquals("/app/authorize?client_id=c1", restartWith(signedByOld));
    }

    @Test
    @DisplayName("B7: a cookie signed with a key no longer in the ring is ignored (restart-url applies), never an error")
    void removedKey() throws Exception {
        app = start(KEY_GONE);
        String signedByGone = capture("client_id=c1");
        app.close();
        app = start(KEY_NEW + "," + KEY_OLD);
        assertEquals("/app/login", restartWith(signedByGone));
    }

    @Test
    @DisplayName("B7: tampered, truncated, re-targeted, oversized or garbage cookies are ignored, never an error")
    void tampered() throws Exception {
        app = start(KEY_NEW);
        String good = capture("client_id=c1");
        String[] parts = good.split("\\.");
        String evilPayload = Base64.getUrlEncoder().withoutPadding().encodeToString("//evil.example".getBytes());
        for (String bad : new String[] {
                good.substring(0, good.length() - 3),
                parts[0] + "." + evilPayload + "." + parts[2],
                "2." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1],
                good + ".x",
                "", "....", "1.!!!.???", "1." + "A".repeat(9000) + ".AAAA", "\u00e9\u00e8"}) {
            assertEquals("/app/login", restartWith(bad), "cookie value " + bad);
        }
    }

    @Test
    @DisplayName("B7: a cookie from another application on the same host (other context path) does not verify here")
    void otherContext() throws Exception {
        app = start(KEY_NEW);
        Harness other = Harness.unstarted("restart-capture-paths", "/authorize", "restart-keys", KEY_NEW);
        other.context.setContextPath("/other");
        other.start();
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest(
                "GET", "/other/authorize");
        request.setContextPath("/other");
        request.setServletPath("/authorize");
        request.setQueryString("x=1");
        String header = other.run(request, ok()).setCookies("staleguard-restart").get(0);
        other.close();
        String value = header.substring("staleguard-restart=".length(), header.indexOf(';'));
        assertEquals("/app/login", restartWith(value));
    }

    @Test
    @DisplayName("B7: a stale /authorize itself re-captures, so the recovery restarts at the URL just requested")
    void captureOnSameRequest() throws Exception {
        app = start(KEY_NEW);
        RawResponse r = app.run(withCookies(navigate("GET", "/authorize?client_id=c2"), "JSESSIONID", "s"),
                throwing(new SessionNotFoundException("gone")));
        assertEquals(303, r.getStatus());
        assertEquals("/app/authorize?client_id=c2", r.getHeader("Location"));
        assertEquals(1, r.setCookies("staleguard-restart").size(), "the captured cookie survives the reset");
    }

    @Test
    @DisplayName("B7: an unsafe capture URL is not captured")
    void unsafeNotCaptured() throws Exception {
        app = start(KEY_NEW);
        org.springframework.mock.web.MockHttpServletRequest request = navigate("GET", "/authorize");
        request.setRequestURI("//evil.example/authorize");
        assertTrue(app.run(request, ok()).setCookies("staleguard-restart").isEmpty());
    }
}
