package io.staleguard;

import static io.staleguard.testing.Harness.api;
import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.staleguard.internal.recovery.RestartTargets;
import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

@DisplayName("B5: restart targets, first that applies, always on this origin")
class RestartTargetTest {

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private String location(MockHttpServletRequest request) throws Exception {
        RawResponse r = app.run(request, throwing(new SessionNotFoundException("gone")));
        assertEquals(303, r.getStatus());
        return r.getHeader("Location");
    }

    @Test
    @DisplayName("B5: a GET navigation without configured target restarts at the same path and query")
    void sameGet() throws Exception {
        app = Harness.withInitParams();
        assertEquals("/app/consent?uid=42&x=%20y", location(navigate("GET", "/consent?uid=42&x=%20y")));
    }

    @Test
    @DisplayName("B5: a POST without configured target restarts at the context root")
    void postToRoot() throws Exception {
        app = Harness.withInitParams();
        assertEquals("/app/", location(navigate("POST", "/interaction/1/confirm")));
    }

    @Test
    @DisplayName("B5: an API GET never restarts at the API URL itself: a page must not navigate to JSON")
    void apiGetToRoot() throws Exception {
        app = Harness.withInitParams();
        RawResponse r = app.run(api("GET", "/api/me"), throwing(new SessionNotFoundException("gone")));
        assertEquals(List.of("/app/"), r.headers("Session-Restart"));
    }

    @Test
    @DisplayName("B5: restart-url is context-relative and beats the current GET")
    void restartUrl() throws Exception {
        app = Harness.withInitParams("restart-url", "/login?from=stale");
        assertEquals("/app/login?from=stale", location(navigate("GET", "/consent")));
    }

    @Test
    @DisplayName("B5: the application's own target (the @Interaction value) beats everything")
    void override() throws Exception {
        app = Harness.withInitParams("restart-url", "/login");
        MockHttpServletRequest request = navigate("POST", "/confirm");
        io.staleguard.internal.RequestState.restartOverride(request, "/start");
        assertEquals("/app/start", location(request));
    }

    @Test
    @DisplayName("B5: Referer and request parameters are never used as a target")
    void neverRefererOrParams() throws Exception {
        app = Harness.withInitParams();
        MockHttpServletRequest request = navigate("POST", "/confirm");
        request.addHeader("Referer", "https://evil.example/");
        request.addParameter("restart", "https://evil.example/");
        request.addParameter("redirect_uri", "//evil.example");
        assertEquals("/app/", location(request));
    }

    @ParameterizedTest(name = "B5: request URI {0} falls back to the context root")
    @ValueSource(strings = {"//evil.example/x", "/app//evil.example", "/app/%2F%2Fevil.example", "/app/%5Cevil.example",
            "/app/\\evil.example", "/app/a%0d%0aSet-Cookie:%20x=1", "/app/%250d%250a", "/app/../../etc"})
    void hostileRequestUri(String uri) throws Exception {
        app = Harness.withInitParams();
        MockHttpServletRequest request = navigate("GET", "/x");
        request.setRequestURI(uri);
        String location = location(request);
        assertTrue(location.equals("/app/") || (location.startsWith("/app/") && RestartTargets.isSafe(location)),
                () -> "unsafe Location " + location);
        assertFalse(location.startsWith("//"));
    }

    @Test
    @DisplayName("B5: an over-long current URL falls back to the context root")
    void overLong() throws Exception {
        app = Harness.withInitParams();
        assertEquals("/app/", location(navigate("GET", "/x?q=" + "a".repeat(5000))));
    }

    @ParameterizedTest(name = "B5: unsafe target {0}")
    @ValueSource(strings = {"//evil.example", "/\\evil.example", "https://evil.example", "/%2F%2Fevil.example",
            "/%2f/evil.example", "/%5Cevil.example", "/%252F%252Fevil.example", "/a\r\nSet-Cookie: x=1", "/a%0d%0ab",
            "/a%00", "/a b", "/a\"b", "/a<b", "/café", "javascript:alert(1)", "evil.example", "", "/../x", "/a/%2e%2e/b",
            "/a#frag", "/%", "/%zz", "/%25%32%46%25%32%46evil"})
    void unsafeTargets(String target) {
        assertFalse(RestartTargets.isSafe(target));
        assertTrue(RestartTargets.problemWithConfigured(target) != null);
    }

    @ParameterizedTest(name = "B5: safe target {0}")
    @ValueSource(strings = {"/", "/login", "/authorize?client_id=a&state=x%20y&redirect_uri=https%3A%2F%2Fclient%2Fcb",
            "/a/b;jsessionid=x", "/a:b@c", "/~user/(x)*"})
    void safeTargets(String target) {
        assertTrue(RestartTargets.isSafe(target));
    }

    @Test
    @DisplayName("B5: a target holds at most 2048 characters")
    void longTargetLimit() {
        assertFalse(RestartTargets.isSafe("/" + "a".repeat(RestartTargets.MAX_LENGTH)));
        assertTrue(RestartTargets.isSafe("/" + "a".repeat(RestartTargets.MAX_LENGTH - 1)));
    }
}
