package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static io.staleguard.RollingApp.ok;
import static io.staleguard.RollingApp.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import io.staleguard.internal.http.SetCookies;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.TestStores;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.MutableClock;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * R2 (issue 12, item 11): a rolling refresh repeats the attributes the application set its own session cookie with
 * (Path, Domain, Secure, HttpOnly, SameSite), asserted on the raw Set-Cookie headers. Behind a proxy that terminates
 * TLS the request is plain HTTP, and {@code cookie-secure=auto} alone would drop Secure.
 */
@DisplayName("R2 (issue 12 item 11): rolling keeps the application's cookie attributes")
class CookieAttributesKeptTest {

    final MutableClock clock = MutableClock.atNow();
    final InMemorySessionStore store = TestStores.inMemory(clock);
    RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private String live() {
        return TestStores.live(store, clock.instant());
    }

    private String refreshed(String id, String attributes) {
        return COOKIE + "=" + id + "; Max-Age=1800; Expires=" + SetCookies.httpDate(clock.instant().plusSeconds(1800))
                + attributes;
    }

    @Test
    @DisplayName("R2 (issue 12 item 11): Secure and SameSite=Strict set by the application survive a refresh over HTTP")
    void rollingKeepsTheApplicationsCookieAttributes() throws Exception {
        app = RollingApp.start(store, "rolling", "true").clock(clock);
        String id = live();
        try (LogCapture logs = new LogCapture()) {
            // Sign-in: the application writes its own cookie, raw (the request came through a TLS-terminating proxy).
            app.run(withSession("/login", "none"), (req, res) -> res.addHeader("Set-Cookie",
                    COOKIE + "=" + id + "; Path=/app; Secure; HttpOnly; SameSite=Strict"));
            clock.advance(Duration.ofMinutes(1));
            assertEquals(List.of(refreshed(id, "; Path=/app; Secure; HttpOnly; SameSite=Strict")),
                    app.run(withSession("/page", id), ok()).setCookies(COOKIE));
            assertEquals(1, logs.messages(Level.WARNING).stream().filter(m -> m.contains("SG0012")).count(),
                    logs.all());
        }
    }

    @Test
    @DisplayName("R2 (issue 12 item 11): Path, Domain, SameSite=None and no HttpOnly set through addCookie are kept")
    void rollingKeepsAttributesSetThroughAddCookie() throws Exception {
        app = RollingApp.start(store, "rolling", "true").clock(clock);
        String id = live();
        app.run(withSession("/login", "none"), (req, res) -> {
            Cookie c = new Cookie(COOKIE, id);
            c.setPath("/");
            c.setDomain(".example.com");
            c.setSecure(true);
            c.setAttribute("SameSite", "None");
            res.addCookie(c);
        });
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(refreshed(id, "; Path=/; Domain=.example.com; Secure; SameSite=None")),
                app.run(withSession("/page", id), ok()).setCookies(COOKIE));
    }

    @Test
    @DisplayName("R2 (issue 12 item 11): before the application sets it on this node, the container's cookie settings count")
    void containerSessionCookieSettingsAreKept() throws Exception {
        app = RollingApp.unstarted(store, "rolling", "true");
        app.context.getSessionCookieConfig().setName(COOKIE);
        app.context.getSessionCookieConfig().setSecure(true);
        app.context.getSessionCookieConfig().setHttpOnly(true);
        app.context.getSessionCookieConfig().setAttribute("SameSite", "Strict");
        app.init().clock(clock);
        String id = live();
        MockHttpServletRequest request = new MockHttpServletRequest(app.context, "GET", "/app/page");
        request.setContextPath("/app");
        request.setServletPath("/page");
        request.setCookies(new Cookie(COOKIE, id));
        String header = app.run(request, ok()).setCookies(COOKIE).get(0);
        assertTrue(header.endsWith("; Path=/app; Secure; HttpOnly; SameSite=Strict"), header);
    }
}
