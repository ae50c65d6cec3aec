package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.http.Cookie;

/**
 * Issue 12, item 7: SG0003 is throttled like SG0010 and echoes a bounded list of cookie names; the unsigned retry
 * marker can force the loop guard for one retry window at most (see docs/security.md for why it carries no MAC).
 */
@DisplayName("Issue 12 item 7: SG0003 throttled, bounded, and the retry marker")
class Item7LoopGuardLogTest {

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    /** A second stale request, carrying the marker the first recovery set. */
    private MockHttpServletRequest looping(List<Cookie> more) throws Exception {
        MockHttpServletRequest first = navigate("GET", "/page");
        first.setCookies(new Cookie("JSESSIONID", "s0"));
        Cookie marker = app.run(first, throwing(new SessionNotFoundException("gone"))).cookieSet("staleguard-retry");
        MockHttpServletRequest r = navigate("GET", "/page");
        List<Cookie> cookies = new ArrayList<>(List.of(new Cookie("JSESSIONID", "s"), marker));
        cookies.addAll(more);
        r.setCookies(cookies.toArray(Cookie[]::new));
        return r;
    }

    @Test
    @DisplayName("Issue 12 item 7: a hundred loop-guarded requests log one SG0003 (then one a minute, with the count)")
    void throttled() throws Exception {
        app = Harness.withInitParams();
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 100; i++) {
                RawResponse r = app.run(looping(List.of()), throwing(new SessionNotFoundException("gone")));
                assertEquals(400, r.getStatus());
            }
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), () -> warnings.size() + " warnings");
            assertTrue(warnings.get(0).startsWith("SG0003"));
        }
    }

    @Test
    @DisplayName("Issue 12 item 7: SG0003 lists at most 8 other cookie names, each a token of at most 64 characters, "
            + "and counts the rest; an attacker's 300 long names never reach the log")
    void boundedNames() throws Exception {
        app = Harness.withInitParams();
        List<Cookie> junk = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            junk.add(new Cookie("attacker" + "x".repeat(100) + i, "v"));
        }
        junk.add(new Cookie("short_one", "v"));
        try (LogCapture log = new LogCapture()) {
            app.run(looping(junk), throwing(new SessionNotFoundException("gone")));
            String line = log.messages(Level.WARNING).get(0);
            assertFalse(line.contains("attacker"), line);
            assertTrue(line.contains("short_one"), line);
            assertTrue(line.contains("300 more"), line);
            assertTrue(line.length() < 1000, () -> line.length() + " characters");
        }
    }

    @Test
    @DisplayName("Issue 12 item 7: a planted marker with a far-future value forces the loop guard no longer: the "
            + "recovery redirects as usual")
    void plantedMarkerIsBounded() throws Exception {
        app = Harness.withInitParams();
        MockHttpServletRequest r = navigate("GET", "/page");
        r.setCookies(new Cookie("JSESSIONID", "s"),
                new Cookie("staleguard-retry", Long.toString(Instant.now().getEpochSecond() + 86_400 * 365)));
        RawResponse response = app.run(r, throwing(new SessionNotFoundException("gone")));
        assertEquals(303, response.getStatus(), response.body());
    }
}
