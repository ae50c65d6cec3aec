package io.staleguard.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.EndReason;
import io.staleguard.example.StoreSessions.State;

/**
 * Incident 2 over HTTP, on the example in an embedded container: four requests in flight while the user signs out,
 * landing after the sign-out. The application's own read-then-write roller (the {@code /without/} space) is the foil
 * that shows the test detects a revived session; Staleguard's {@code RollingSessionFilter} and
 * {@code Staleguard.logout} (the {@code /with/} space) must leave none.
 */
class RollingIncidentTest {

    private static final String WITH = "incident2/with/";
    private static final String WITHOUT = "incident2/without/";

    private EmbeddedExample example;
    private Tour.Browser browser;

    @BeforeEach
    void browser() throws Exception {
        example = EmbeddedExample.get();
        browser = example.browser();
    }

    @Test
    @DisplayName("R2/R3 with Staleguard.logout: requests in flight during a logout land after it, and the session "
            + "record stays deleted")
    void withStaleguardSignedOutStaysSignedOut() throws Exception {
        String id = signIn(WITH);
        long before = example.eventTotal();

        Tour.Race race = Tour.race(browser, WITH);

        HttpResponse<String> logout = race.logout();
        assertEquals(200, logout.statusCode());
        assertTrue(logout.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.startsWith("app_session=;")
                && h.contains("Max-Age=0") && h.contains("Path=/staleguard-example/incident2/with")),
                "the logout expires the cookie on its own Path: " + logout.headers().allValues("Set-Cookie"));
        assertEquals("private, no-cache, no-store, must-revalidate",
                logout.headers().firstValue("Cache-Control").orElse(null));
        for (HttpResponse<String> landed : race.landed()) {
            assertEquals(200, landed.statusCode());
            // Touched before the logout, each had its refreshed cookie written before the application ran: it lands
            // after the logout and points the browser at a record that no longer exists.
            assertEquals(List.of(id), sessionCookieValues(landed), "refreshed before the logout");
        }
        assertEquals(State.GONE, example.app().storeSessions().state(id), "no request re-created the record");
        assertEquals(List.of(EndReason.LOGGED_OUT), example.reasonsSince(before));
        assertEquals("/staleguard-example/incident2/with/logout", example.app().events().recent().get(0).requestPath());

        HttpResponse<String> me = browser.api("GET", WITH + "api/me", null);
        assertEquals("false", Tour.field(me.body(), "signedIn"), me.body());
        assertEquals("gone", Tour.field(me.body(), "session"), me.body());
        assertTrue(sessionCookieValues(me).isEmpty(), "R3: a gone session gets no cookie, neither refreshed nor "
                + "expiring: " + me.headers().allValues("Set-Cookie"));
        assertEquals(State.GONE, example.app().storeSessions().state(id), "the dead cookie did not revive it either");
    }

    @Test
    @DisplayName("The foil: the application's read-then-write roller saves the signed-out session back")
    void withoutStaleguardTheLogoutIsUndone() throws Exception {
        String id = signIn(WITHOUT);
        long before = example.eventTotal();

        Tour.Race race = Tour.race(browser, WITHOUT);

        assertEquals(200, race.logout().statusCode());
        assertEquals(State.LIVE, example.app().storeSessions().state(id),
                "a request that was in flight re-created the record the logout deleted");
        HttpResponse<String> me = browser.api("GET", WITHOUT + "api/me", null);
        assertEquals("true", Tour.field(me.body(), "signedIn"), "still signed in after logout: " + me.body());
        assertEquals("alice", Tour.field(me.body(), "user"));
        assertEquals(List.of(), example.reasonsSince(before), "nothing of Staleguard runs here");
    }

    @Test
    @DisplayName("R2/R5/R6: a rolled page load refreshes the cookie, never beyond the record, and is not cacheable")
    void rollingRefreshesTheCookie() throws Exception {
        String id = signIn(WITH);

        HttpResponse<String> page = browser.navigate(WITH);

        assertEquals(200, page.statusCode());
        HttpCookie refreshed = page.headers().allValues("Set-Cookie").stream()
                .flatMap(h -> HttpCookie.parse(h).stream()).filter(c -> c.getName().equals("app_session"))
                .findFirst().orElse(null);
        assertNotNull(refreshed, "the session cookie is refreshed: " + page.headers().allValues("Set-Cookie"));
        assertEquals(id, refreshed.getValue());
        assertEquals("/staleguard-example/incident2/with", refreshed.getPath());
        assertTrue(refreshed.getMaxAge() > 0 && refreshed.getMaxAge() <= StoreSessions.INACTIVITY.getSeconds(),
                "no longer than the record lives: " + refreshed.getMaxAge());
        assertEquals("private, no-cache, no-store, must-revalidate",
                page.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(page.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Cookie")));
    }

    private String signIn(String app) throws Exception {
        HttpResponse<String> login = browser.submit(app + "login", Map.of("user", "alice"));
        assertEquals(303, login.statusCode());
        List<String> ids = sessionCookieValues(login);
        assertEquals(1, ids.size(), login.headers().allValues("Set-Cookie").toString());
        assertEquals(State.LIVE, example.app().storeSessions().state(ids.get(0)));
        return ids.get(0);
    }

    /** The values of the non-expiring app_session cookies a response sets. */
    private static List<String> sessionCookieValues(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().flatMap(h -> HttpCookie.parse(h).stream())
                .filter(c -> c.getName().equals("app_session") && c.getMaxAge() != 0).map(HttpCookie::getValue)
                .toList();
    }
}
