package io.staleguard;

import static io.staleguard.testing.Harness.api;
import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Issue 12, item 15: the drop-in with nothing configured, on a page that throws {@code SessionNotFoundException} when it
 * has no session. The first recovery restarts at the same URL (B5); when that fails again with no cookie to blame,
 * the loop-guard answer says so and points at the context root, and SG0003 says the same.
 */
@DisplayName("Issue 12 item 15: the drop-in with nothing configured never dead-ends")
class Item15DropInDeadEndTest {

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @DisplayName("Issue 12 item 15: no session, page throws → 303 to the same URL → throws again → 400 page that "
            + "blames no cookie and links to the context root; SG0003 says only the retry marker was left")
    void secondFailureLinksToTheRoot() throws Exception {
        app = Harness.withInitParams();
        Harness.App needsSession = throwing(new SessionNotFoundException("no account in the session"));
        try (LogCapture log = new LogCapture()) {
            RawResponse first = app.run(navigate("GET", "/account"), needsSession);
            assertEquals(303, first.getStatus());
            assertEquals("/app/account", first.getHeader("Location"));

            MockHttpServletRequest again = navigate("GET", "/account");
            again.setCookies(first.cookieSet("staleguard-retry"));
            RawResponse second = app.run(again, needsSession);

            assertEquals(400, second.getStatus());
            String body = second.body();
            assertFalse(body.contains("cannot clear"), body);
            assertFalse(body.contains("still sending a cookie"), body);
            assertTrue(body.contains("no cookie of this site that could be the cause"), body);
            assertTrue(body.contains("href=\"/app/\""), "links to the context root: " + body);
            assertFalse(body.contains("href=\"/app/account\""), body);

            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("SG0003"));
            assertTrue(warnings.get(0).contains("none of the configured cookies"), warnings.get(0));
            assertFalse(warnings.get(0).contains("although they were expired"), warnings.get(0));
        }
    }

    @Test
    @DisplayName("Issue 12 item 15: the same for a script call: the problem document blames no cookie and names the "
            + "context root")
    void scriptCall() throws Exception {
        app = Harness.withInitParams();
        MockHttpServletRequest call = api("GET", "/api/account");
        call.setCookies(app.run(api("GET", "/api/account"), throwing(new SessionNotFoundException("first")))
                .cookieSet("staleguard-retry"));
        RawResponse r = app.run(call, throwing(new SessionNotFoundException("no account")));
        assertEquals(400, r.getStatus());
        assertFalse(r.body().contains("cannot be cleared"), r.body());
        assertTrue(r.body().contains("\"restart\":\"/app/\""), r.body());
    }

    @Test
    @DisplayName("Issue 12 item 15: when a configured cookie is still sent, the page still says so (B6 unchanged)")
    void cookieLeftStillBlamed() throws Exception {
        app = Harness.withInitParams();
        MockHttpServletRequest again = navigate("GET", "/account");
        RawResponse first = app.run(Harness.withCookies(navigate("GET", "/account"), "JSESSIONID", "s0"),
                throwing(new SessionNotFoundException("gone")));
        again.setCookies(new Cookie("JSESSIONID", "s"), first.cookieSet("staleguard-retry"));
        RawResponse r = app.run(again, throwing(new SessionNotFoundException("gone")));
        assertEquals(400, r.getStatus());
        assertTrue(r.body().contains("cannot clear"), r.body());
        assertTrue(r.body().contains("href=\"/app/account\""), r.body());
    }
}
