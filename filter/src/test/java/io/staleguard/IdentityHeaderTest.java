package io.staleguard;

import static io.staleguard.testing.Harness.api;
import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.ServletException;

@DisplayName("I1–I3: a trusted SSO proxy that vouches for someone else flushes the session")
class IdentityHeaderTest {

    private static final String HEADER = "X-Auth-Request-Email";

    private Harness app;
    private final AtomicBoolean appRan = new AtomicBoolean();

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private RawResponse run(MockHttpServletRequest request) throws Exception {
        appRan.set(false);
        return app.run(request, (req, res) -> {
            appRan.set(true);
            res.setStatus(200);
        });
    }

    /** A request from {@code peer} whose session belongs to {@code sessionUser}, the proxy saying {@code claimed}. */
    private static MockHttpServletRequest signedIn(MockHttpServletRequest request, String peer, String sessionUser,
            String claimed) {
        withCookies(request, "JSESSIONID", "s");
        request.setRemoteAddr(peer);
        MockHttpSession session = new MockHttpSession();
        session.setAttribute("user", sessionUser);
        request.setSession(session);
        if (claimed != null) {
            request.addHeader(HEADER, claimed);
        }
        return request;
    }

    @Test
    @DisplayName("I1: header names B, session holds A: session ended (IDENTITY_CHANGED), cookies expired, 303 to the same URL")
    void switchNavigation() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user", "restart-url", "/login");
        MockHttpServletRequest request = signedIn(navigate("POST", "/wiki/page?x=1"), "127.0.0.1", "a@example.com",
                "b@example.com");
        RawResponse r = run(request);
        assertFalse(appRan.get());
        assertEquals(303, r.getStatus());
        assertEquals("/app/wiki/page?x=1", r.getHeader("Location"));
        assertTrue(r.setCookies("JSESSIONID").get(0).contains("Max-Age=0"));
        assertTrue(((MockHttpSession) request.getSession(false) == null)
                || ((MockHttpSession) request.getSession(false)).isInvalid());
        assertEquals(EndReason.IDENTITY_CHANGED, app.events.get(0).reason());
    }

    @Test
    @DisplayName("B6 I1: a second, genuine switch within the retry window restarts again; the same claim again is a loop")
    void secondSwitchIsNotALoop() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user");
        RawResponse first = run(signedIn(navigate("GET", "/x"), "127.0.0.1", "a@example.com", "b@example.com"));
        assertEquals(303, first.getStatus());
        String marker = first.setCookies("staleguard-retry").get(0);
        String value = marker.substring("staleguard-retry=".length(), marker.indexOf(';'));
        assertTrue(value.matches("\\d+\\.[0-9a-f]{12}"), value);

        MockHttpServletRequest toCarol = signedIn(navigate("GET", "/x"), "127.0.0.1", "b@example.com", "carol@example.com");
        toCarol.setCookies(new jakarta.servlet.http.Cookie("JSESSIONID", "s"),
                new jakarta.servlet.http.Cookie("staleguard-retry", value));
        assertEquals(303, run(toCarol).getStatus(), "B then C is two switches, not a loop");

        MockHttpServletRequest stillB = signedIn(navigate("GET", "/x"), "127.0.0.1", "a@example.com", " B@example.com ");
        stillB.setCookies(new jakarta.servlet.http.Cookie("JSESSIONID", "s"),
                new jakarta.servlet.http.Cookie("staleguard-retry", value));
        assertEquals(400, run(stillB).getStatus(), "the same switch again right away: the old session was not cleared");
    }

    @Test
    @DisplayName("I1: an API call gets 401 problem+json with reason IDENTITY_CHANGED and Session-Restart")
    void switchApi() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user", "restart-url", "/login");
        RawResponse r = run(signedIn(api("GET", "/api/pages"), "127.0.0.1", "a@example.com", "b@example.com"));
        assertEquals(401, r.getStatus());
        assertEquals("/app/login", r.getHeader("Session-Restart"));
        assertTrue(r.body().contains("\"reason\":\"IDENTITY_CHANGED\""));
    }

    @Test
    @DisplayName("I1: getRemoteUser() is the session identity when no identity-attribute is set")
    void remoteUser() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER);
        MockHttpServletRequest request = withCookies(navigate("GET", "/x"), "JSESSIONID", "s");
        request.setRemoteAddr("127.0.0.1");
        request.setRemoteUser("alice");
        request.addHeader(HEADER, "bob");
        assertEquals(303, run(request).getStatus());
    }

    @ParameterizedTest(name = "I2: session ''{0}'' and header ''{1}'' are the same user")
    @CsvSource(delimiter = '|', value = {"a@example.com|a@example.com", "a@example.com|'  A@Example.COM  '",
            "%@%.%|%@%.%", "a_b@x.y|A_B@X.Y", "\u00e4rger@example.com|\u00c4RGER@example.com"})
    void same(String sessionUser, String claimed) throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user");
        run(signedIn(navigate("GET", "/x"), "127.0.0.1", sessionUser, claimed));
        assertTrue(appRan.get());
        assertTrue(app.events.isEmpty());
    }

    @ParameterizedTest(name = "I2: session ''{0}'' and header ''{1}'' are different users (never a pattern)")
    @CsvSource(delimiter = '|', value = {"a@example.com|%@%.%", "a@example.com|%", "a@example.com|_@example.com",
            "a@example.com|*", "a@example.com|a@example.co_", "abc@example.com|a%", "a@example.com|\u0430@example.com",
            "a@example.com|a@example.com\u200b", "a@example.com|a@exampIe.com",
            "kate@example.com|\u212Aate@example.com", "ida@example.com|\u0130da@example.com"})
    void different(String sessionUser, String claimed) throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user");
        RawResponse r = run(signedIn(navigate("GET", "/x"), "127.0.0.1", sessionUser, claimed));
        assertFalse(appRan.get(), "a wildcard or look-alike must never pass as the signed-in user");
        assertEquals(303, r.getStatus());
    }

    @Test
    @DisplayName("I2: identity-ignore-case=false compares case-sensitively")
    void caseSensitive() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user", "identity-ignore-case",
                "false");
        assertEquals(303, run(signedIn(navigate("GET", "/x"), "127.0.0.1", "Alice", "alice")).getStatus());
    }

    @Test
    @DisplayName("I3: the header from an address outside trusted-proxies is ignored, with one rate-limited WARN")
    void untrusted() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user", "trusted-proxies",
                "127.0.0.1/32");
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                run(signedIn(navigate("GET", "/x"), "127.0.0.2", "a@example.com", "b@example.com"));
                assertTrue(appRan.get());
            }
            assertEquals(1, log.messages(Level.WARNING).size());
            assertTrue(log.messages(Level.WARNING).get(0).startsWith("SG0009"));
        }
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("I3: default trusted-proxies is loopback, IPv4 and IPv6; IPv6 CIDRs work")
    void cidrs() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user");
        assertEquals(303, run(signedIn(navigate("GET", "/x"), "::1", "a", "b")).getStatus());
        assertEquals(303, run(signedIn(navigate("GET", "/x"), "127.8.9.10", "a", "b")).getStatus());
        run(signedIn(navigate("GET", "/x"), "10.0.0.1", "a", "b"));
        assertTrue(appRan.get());
        app.close();
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user", "trusted-proxies",
                "10.1.0.0/16, fd00::/8");
        assertEquals(303, run(signedIn(navigate("GET", "/x"), "fd12::1", "a", "b")).getStatus());
        assertEquals(303, run(signedIn(navigate("GET", "/x"), "10.1.200.3", "a", "b")).getStatus());
        run(signedIn(navigate("GET", "/x"), "10.2.0.1", "a", "b"));
        assertTrue(appRan.get());
    }

    @Test
    @DisplayName("I1: a session that a concurrent request invalidated after the container found it is stale: the "
            + "request is recovered (401, Session-Restart), not passed to the application with a dead session")
    void sessionEndedMeanwhile() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user", "restart-url", "/login");
        MockHttpServletRequest request = signedIn(api("GET", "/api/pages"), "127.0.0.1", "a@example.com",
                "b@example.com");
        // What Undertow hands out when another request invalidates the session between getSession and getAttribute.
        request.setSession(new MockHttpSession() {
            @Override
            public Object getAttribute(String name) {
                throw new IllegalStateException("UT000010: Session is invalid");
            }
        });
        RawResponse r = run(request);
        assertFalse(appRan.get(), "the application would fail on the invalidated session");
        assertEquals(401, r.getStatus());
        assertEquals("/app/login", r.getHeader("Session-Restart"));
        assertEquals(EndReason.IDENTITY_CHANGED, app.events.get(0).reason());
    }

    @Test
    @DisplayName("I1: no session identity yet (first visit, not signed in) is not a switch; no header is not a switch")
    void nothingToCompare() throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user");
        MockHttpServletRequest fresh = navigate("GET", "/x");
        fresh.setRemoteAddr("127.0.0.1");
        fresh.addHeader(HEADER, "b@example.com");
        run(fresh);
        assertTrue(appRan.get());
        run(signedIn(navigate("GET", "/x"), "127.0.0.1", "a@example.com", null));
        assertTrue(appRan.get());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("I3: trusted-proxies takes only address literals: host names and bad prefixes fail start-up")
    void badProxies() {
        for (String bad : new String[] {"localhost", "10.0.0.0/33", "::1/129", "10.0.0/8", "1.2.3.4/x"}) {
            ServletException e = assertThrows(ServletException.class,
                    () -> Harness.withInitParams("identity-header", HEADER, "trusted-proxies", bad).close(), bad);
            assertTrue(e.getMessage().contains("trusted-proxies") && e.getMessage().contains("For example"), e.getMessage());
        }
    }
}
