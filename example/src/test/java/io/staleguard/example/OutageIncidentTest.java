package io.staleguard.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.EndReason;
import io.staleguard.example.StoreSessions.State;

/**
 * Incident 4 over HTTP, on the example in an embedded container: a store outage in the middle of a signed-in
 * session, and a session that really is gone. The {@code /without/} space is the foil: its home-made error handling
 * signs the user out for a blip.
 */
class OutageIncidentTest {

    private static final String WITH = "incident4/with/";
    private static final String WITHOUT = "incident4/without/";

    private EmbeddedExample example;
    private Tour.Browser browser;

    @BeforeEach
    void browser() throws Exception {
        example = EmbeddedExample.get();
        browser = example.browser();
    }

    @AfterEach
    void storeBack() {
        example.app().store().endOutage();
    }

    @Test
    @DisplayName("T1: with Staleguard, a store outage is a 503 with Retry-After; nothing is expired, invalidated or "
            + "announced, and the same session continues when the store is back")
    void outageIsNotASignOut() throws Exception {
        String id = signIn(WITH);
        long before = example.eventTotal();
        example.app().store().startOutage(java.time.Duration.ofMinutes(1));

        HttpResponse<String> during = browser.navigate(WITH);

        assertEquals(503, during.statusCode());
        assertEquals("5", during.headers().firstValue("Retry-After").orElse(null));
        assertEquals("no-store", during.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(during.headers().allValues("Set-Cookie").isEmpty(), "no cookie is touched: "
                + during.headers().allValues("Set-Cookie"));
        example.app().store().endOutage();
        assertEquals(State.LIVE, example.app().storeSessions().state(id), "the record is intact");
        assertEquals(List.of(), example.reasonsSince(before), "no SessionEnded for a blip");

        HttpResponse<String> after = browser.navigate(WITH);
        assertEquals(200, after.statusCode());
        assertTrue(after.body().contains("Signed in as alice"), after.body());
        assertTrue(after.body().contains("refused"), "the page says what the outage did");
    }

    @Test
    @DisplayName("The foil: without Staleguard, the application's error handling signs the user out for a blip and "
            + "orphans a record that was intact")
    void withoutStaleguardABlipSignsOut() throws Exception {
        String id = signIn(WITHOUT);
        example.app().store().startOutage(java.time.Duration.ofMinutes(1));

        HttpResponse<String> during = browser.navigate(WITHOUT);

        assertEquals(303, during.statusCode());
        assertEquals("/staleguard-example/incident4/without/?signed-out=unavailable",
                during.headers().firstValue("Location").orElse(null));
        assertTrue(expires(during, "dash_session", "/staleguard-example/incident4/without"),
                during.headers().allValues("Set-Cookie").toString());
        example.app().store().endOutage();
        assertEquals(State.LIVE, example.app().storeSessions().state(id), "the record was never in danger");
        HttpResponse<String> after = browser.follow(browser.navigate(WITHOUT));
        assertTrue(after.body().contains("<h2>Sign in</h2>"), "signed out anyway");
    }

    @Test
    @DisplayName("T3/B3/E1: with Staleguard, a session that is really gone gets its cookie expired in the same "
            + "response, exactly one SessionEnded, and no loop")
    void reallyGone() throws Exception {
        String id = signIn(WITH);
        assertEquals(303, browser.submit(WITH + "end-session", Map.of()).statusCode());
        assertEquals(State.GONE, example.app().storeSessions().state(id));
        long before = example.eventTotal();

        HttpResponse<String> gone = browser.navigate(WITH);

        assertEquals(303, gone.statusCode());
        assertEquals("/staleguard-example/incident4/with/", gone.headers().firstValue("Location").orElse(null));
        assertTrue(expires(gone, "dash_session", "/staleguard-example/incident4/with"),
                gone.headers().allValues("Set-Cookie").toString());
        assertEquals(List.of(EndReason.NOT_FOUND), example.reasonsSince(before));
        HttpResponse<String> next = browser.navigate(WITH);
        assertEquals(200, next.statusCode(), "the browser no longer sends the dead cookie");
        assertTrue(next.body().contains("<h2>Sign in</h2>"));
        assertTrue(next.body().contains("fired one <code>SessionEnded</code>"), "the page gives the signed-out signal");
        assertEquals(200, browser.navigate(WITH).statusCode());
        assertEquals(List.of(EndReason.NOT_FOUND), example.reasonsSince(before), "one event, no loop");
    }

    private String signIn(String app) throws Exception {
        HttpResponse<String> login = browser.submit(app + "login", Map.of("user", "alice"));
        assertEquals(303, login.statusCode());
        String id = login.headers().allValues("Set-Cookie").stream().flatMap(h -> HttpCookie.parse(h).stream())
                .filter(c -> c.getName().equals("dash_session")).map(HttpCookie::getValue).findFirst().orElseThrow();
        assertEquals(State.LIVE, example.app().storeSessions().state(id));
        return id;
    }

    private static boolean expires(HttpResponse<String> r, String name, String path) {
        return r.headers().allValues("Set-Cookie").stream().flatMap(h -> HttpCookie.parse(h).stream())
                .anyMatch(c -> c.getName().equals(name) && c.getMaxAge() == 0 && path.equals(c.getPath()));
    }
}
