package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.recovery.RestartCookie;
import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;

/**
 * Issue 12, item 13: the restart cookie and the retry marker carry an issue time checked against a maximum age, are
 * {@code __Host-} cookies on HTTPS at the root of the host, and of several verifying restart cookies the one signed
 * last wins, not the first one the browser lists. Asserted on the raw {@code Set-Cookie} headers.
 */
@DisplayName("Issue 12 item 13: restart cookie and retry marker: issue time, __Host- names, most recent wins")
class Item13MarkerCookiesTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final RestartCookie SIGNER = RestartCookie.fromKeys(
            new ConfigReader.Value("restart-keys", KEY, "test", true));

    private StaleSessionFilter filter;
    private Harness app;

    @AfterEach
    void close() {
        if (filter != null) {
            filter.destroy();
        }
        if (app != null) {
            app.close();
        }
    }

    /** An application at the root of the host ({@code contextPath ""}). */
    private void startAtRoot() throws Exception {
        MockServletContext context = new MockServletContext();
        context.setContextPath("");
        MockFilterConfig config = new MockFilterConfig(context, "staleguard");
        config.addInitParameter("restart-capture-paths", "/authorize");
        config.addInitParameter("restart-keys", KEY);
        filter = new StaleSessionFilter();
        filter.init(config);
    }

    private static MockHttpServletRequest atRoot(String path, boolean https, Cookie... cookies) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", path);
        r.setContextPath("");
        r.setServletPath(path);
        r.setRequestURI(path);
        r.setSecure(https);
        r.setScheme(https ? "https" : "http");
        r.addHeader("Accept", "text/html");
        r.addHeader("Sec-Fetch-Mode", "navigate");
        if (cookies.length > 0) {
            r.setCookies(cookies);
        }
        return r;
    }

    private RawResponse run(MockHttpServletRequest request, boolean stale) throws Exception {
        RawResponse response = new RawResponse();
        filter.doFilter(request, response, (req, res) -> {
            if (stale) {
                throw new SessionNotFoundException("gone");
            }
        });
        return response;
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    @Test
    @DisplayName("Issue 12 item 13: on HTTPS at the root, __Host-staleguard-restart and __Host-staleguard-retry with "
            + "Secure, Path=/ and no Domain")
    void hostPrefixOnHttps() throws Exception {
        startAtRoot();
        RawResponse capture = run(atRoot("/authorize", true), false);
        List<String> restart = capture.setCookies("__Host-staleguard-restart");
        assertEquals(1, restart.size(), capture.headers("Set-Cookie")::toString);
        assertTrue(restart.get(0).matches("__Host-staleguard-restart=2\\.\\d+\\.[\\w-]+\\.[\\w-]+; Path=/; Secure; "
                + "HttpOnly; SameSite=Lax"), restart.get(0));

        RawResponse recovery = run(atRoot("/consent", true,
                new Cookie("__Host-staleguard-restart", value(restart.get(0)))), true);
        assertEquals("/authorize", recovery.getHeader("Location"));
        List<String> marker = recovery.setCookies("__Host-staleguard-retry");
        assertEquals(1, marker.size(), recovery.headers("Set-Cookie")::toString);
        assertTrue(marker.get(0).matches("__Host-staleguard-retry=\\d+; Max-Age=30; Expires=[^;]+; Path=/; Secure; "
                + "HttpOnly; SameSite=Lax"), marker.get(0));
        assertFalse(marker.get(0).contains("Domain"));
    }

    @Test
    @DisplayName("Issue 12 item 13: on HTTPS at the root, plain-named cookies (plantable from a sibling subdomain or "
            + "over HTTP) are ignored: a valid plain restart cookie does not pick the target, a plain marker does not "
            + "force the loop guard")
    void plainNamesIgnoredOnHttps() throws Exception {
        startAtRoot();
        // A validly signed value, taken over plain HTTP (where the plain name is the right one).
        String planted = value(run(atRoot("/authorize", false), false).setCookies("staleguard-restart").get(0));
        RawResponse r = run(atRoot("/consent", true, new Cookie("staleguard-restart", planted),
                new Cookie("staleguard-retry", Long.toString(Instant.now().getEpochSecond()))), true);
        assertEquals(303, r.getStatus(), "the planted marker does not force the loop guard");
        assertEquals("/consent", r.getHeader("Location"), "the planted restart cookie does not pick the target");
    }

    @Test
    @DisplayName("Issue 12 item 13: a restart cookie signed longer ago than its maximum age (12 h) is ignored")
    void oldRestartCookieIgnored() throws Exception {
        app = Harness.withInitParams("restart-keys", KEY);
        String old = SIGNER.sign("/app", "/app/authorize?old", Instant.now().minus(Duration.ofHours(13)));
        String fresh = SIGNER.sign("/app", "/app/authorize?fresh", Instant.now().minus(Duration.ofHours(11)));
        assertEquals("/app/", location(old));
        assertEquals("/app/authorize?fresh", location(fresh));
    }

    private String location(String restartCookie) throws Exception {
        MockHttpServletRequest r = Harness.withCookies(Harness.navigate("POST", "/consent"),
                "staleguard-restart", restartCookie);
        return app.run(r, Harness.throwing(new SessionNotFoundException("gone"))).getHeader("Location");
    }

    @Test
    @DisplayName("Issue 12 item 13: of two verifying restart cookies the one signed last wins, wherever the browser "
            + "lists it (a planted one with a longer path comes first)")
    void mostRecentWins() throws Exception {
        app = Harness.withInitParams("restart-keys", KEY);
        String planted = SIGNER.sign("/app", "/app/authorize?client=attacker", Instant.now().minusSeconds(600));
        String own = SIGNER.sign("/app", "/app/authorize?client=mine", Instant.now().minusSeconds(5));
        MockHttpServletRequest r = Harness.withCookies(Harness.navigate("POST", "/consent"),
                "staleguard-restart", planted, "staleguard-restart", own);
        assertEquals("/app/authorize?client=mine",
                app.run(r, Harness.throwing(new SessionNotFoundException("gone"))).getHeader("Location"));
    }

    @Test
    @DisplayName("Issue 12 item 13: the retry marker counts only while its issue time is within retry-window")
    void markerIssueTime() throws Exception {
        app = Harness.withInitParams("retry-window", "PT30S");
        long now = Instant.now().getEpochSecond();
        assertEquals(400, stale(Long.toString(now - 5)), "issued 5 s ago: a loop");
        assertEquals(303, stale(Long.toString(now - 31)), "issued 31 s ago: over");
        assertEquals(303, stale(Long.toString(now + 3600)), "issued in the future: forged");
    }

    private int stale(String marker) throws Exception {
        MockHttpServletRequest r = Harness.withCookies(Harness.navigate("GET", "/page"), "JSESSIONID", "s",
                "staleguard-retry", marker);
        return app.run(r, Harness.throwing(new SessionNotFoundException("gone"))).getStatus();
    }
}
