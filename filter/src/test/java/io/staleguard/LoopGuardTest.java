package io.staleguard;

import static io.staleguard.testing.Harness.api;
import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;

@DisplayName("B6: at most one automatic restart per retry window")
class LoopGuardTest {

    private Harness app;
    private LogCapture log;

    @BeforeEach
    void start() throws Exception {
        app = Harness.withInitParams("retry-window", "PT20S");
        log = new LogCapture();
    }

    @AfterEach
    void close() {
        log.close();
        app.close();
    }

    private RawResponse recover(jakarta.servlet.http.HttpServletRequest request) throws Exception {
        return app.run((org.springframework.mock.web.MockHttpServletRequest) request,
                throwing(new SessionNotFoundException("gone")));
    }

    @Test
    @DisplayName("B6: the first recovery sets a host-only marker cookie living retry-window")
    void marker() throws Exception {
        long before = Instant.now().getEpochSecond();
        RawResponse r = recover(withCookies(navigate("GET", "/page"), "JSESSIONID", "s"));
        assertEquals(303, r.getStatus());
        List<String> marker = r.setCookies("staleguard-retry");
        assertEquals(1, marker.size());
        Matcher m = Pattern.compile("staleguard-retry=(\\d+); Max-Age=20; Expires=[^;]+ GMT; Path=/app; HttpOnly; SameSite=Lax")
                .matcher(marker.get(0));
        assertTrue(m.matches(), marker.get(0));
        long issued = Long.parseLong(m.group(1));
        assertTrue(issued >= before && issued <= Instant.now().getEpochSecond());
    }

    @Test
    @DisplayName("B6: a second recovery within the window gets the 400 explanation page, not another redirect")
    void secondNavigation() throws Exception {
        String marker = Long.toString(Instant.now().getEpochSecond() + 15);
        RawResponse r = recover(withCookies(navigate("GET", "/page"), "JSESSIONID", "s", "staleguard-retry", marker,
                "legacy_sid", "x"));
        assertEquals(400, r.getStatus());
        assertTrue(r.headers("Location").isEmpty(), "no redirect: that would be the loop");
        assertTrue(r.setCookies("staleguard-retry").isEmpty(), "the marker is not renewed, so the window ends");
        assertTrue(r.setCookies("JSESSIONID").get(0).contains("Max-Age=0"), "still tries to clear the cookies");
        assertTrue(r.body().contains("href=\"/app/page\""), "links to the restart target");
        assertTrue(r.body().contains("clear this site's cookies"));
        assertEquals(List.of("no-store"), r.headers("Cache-Control"));
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("SG0003"));
        assertTrue(warnings.get(0).contains("[JSESSIONID]") && warnings.get(0).contains("legacy_sid"),
                "names the cookies that could not be cleared and the others: " + warnings.get(0));
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("B6: an API call within the window gets the problem document with retry false and no Session-Restart")
    void secondApi() throws Exception {
        String marker = Long.toString(Instant.now().getEpochSecond() + 15);
        RawResponse r = recover(withCookies(api("GET", "/api/me"), "JSESSIONID", "s", "staleguard-retry", marker));
        assertEquals(400, r.getStatus());
        assertTrue(r.headers("Session-Restart").isEmpty(), "a script must not navigate again");
        assertTrue(r.body().contains("\"retry\":false"), r.body());
        assertTrue(r.body().contains("\"type\":\"urn:staleguard:session-restart-failed\""));
    }

    @Test
    @DisplayName("B6: an expired or garbled marker does not block the automatic restart")
    void staleMarker() throws Exception {
        long now = Instant.now().getEpochSecond();
        for (String value : new String[] {Long.toString(now - 20), Long.toString(now + 3600), "", "x", "9".repeat(40)}) {
            RawResponse r = recover(withCookies(navigate("GET", "/page"), "staleguard-retry", value));
            assertEquals(303, r.getStatus(), "marker value '" + value + "'");
        }
    }

    @Test
    @DisplayName("B6: following the whole loop with a cookie jar ends after exactly one automatic restart")
    void followLoop() throws Exception {
        // An application that keeps failing because of a cookie Staleguard cannot clear (its path is not configured).
        Harness.App stuck = (req, res) -> {
            throw new SessionNotFoundException("legacy cookie names a session that is gone");
        };
        java.util.Map<String, String> jar = new java.util.LinkedHashMap<>();
        jar.put("legacy_sid", "x");
        jar.put("JSESSIONID", "s");
        int redirects = 0;
        int status;
        String path = "/page";
        do {
            org.springframework.mock.web.MockHttpServletRequest request = navigate("GET", path);
            request.setCookies(jar.entrySet().stream()
                    .map(e -> new jakarta.servlet.http.Cookie(e.getKey(), e.getValue()))
                    .toArray(jakarta.servlet.http.Cookie[]::new));
            RawResponse r = app.run(request, stuck);
            status = r.getStatus();
            for (String setCookie : r.headers("Set-Cookie")) {
                String name = setCookie.substring(0, setCookie.indexOf('='));
                String value = setCookie.substring(name.length() + 1, setCookie.indexOf(';'));
                if (setCookie.contains("Max-Age=0")) {
                    jar.remove(name);
                } else {
                    jar.put(name, value);
                }
            }
            if (status == 303) {
                redirects++;
                path = r.getHeader("Location").substring("/app".length());
            }
        } while (status == 303 && redirects < 10);
        assertEquals(1, redirects);
        assertEquals(400, status);
    }
}
