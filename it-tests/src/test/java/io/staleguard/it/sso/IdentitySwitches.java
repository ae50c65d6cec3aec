package io.staleguard.it.sso;

import static io.staleguard.it.sso.SsoApp.ALICE;
import static io.staleguard.it.sso.SsoApp.BOB;
import static io.staleguard.it.sso.SsoApp.HEADER;
import static io.staleguard.it.support.SetCookie.assertExpiredOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.ServerLog;

/**
 * Incident 3's flows against a deployed {@link SsoApp} ({@link SsoApp.Variant#STALEGUARD}), whatever runs it: the
 * Arquillian suite ({@link IdentitySwitchIT}) and the embedded Tomcats, which hold every server to the same
 * assertions.
 */
public final class IdentitySwitches {

    static final String TRUSTED = "127.0.0.1";

    private static final Pattern USER = Pattern.compile("<b id=\"user\">([^<]*)</b>");

    private IdentitySwitches() {
    }

    /**
     * I1 B3 B4 E1 E2: A signed in, the proxy now vouches for B → 303 to the same URL, A's session ended
     * (IDENTITY_CHANGED), A's cookie expired exactly; the application then serves B, and A's id means nobody.
     */
    public static void pageLoadRestartsAsTheNewUser(URL base) throws Exception {
        String context = SsoApp.contextPath(base);
        Browser browser = new Browser().proxyHeader(HEADER, ALICE);
        assertEquals(ALICE, signedInAs(browser.open(home(base))));
        String aliceSession = browser.cookie("JSESSIONID");
        int eventsBefore = AppEvents.of(base).size();
        ServerLog log = ServerLog.mark(base);

        browser.proxyHeader(HEADER, BOB);
        HttpResponse<String> flush = browser.get(URI.create(base + "home?tab=recent"));

        assertEquals(303, flush.statusCode(), flush::body);
        assertEquals(context + "/home?tab=recent", flush.headers().firstValue("Location").orElse(null));
        assertEquals("no-store", flush.headers().firstValue("Cache-Control").orElse(null));
        assertExpiredOnce(flush, "JSESSIONID", context);
        assertEquals(List.of(), browser.cookies("JSESSIONID"), browser.jar());
        List<AppEvents.Ended> events = AppEvents.of(base);
        assertEquals(eventsBefore + 1, events.size(), events::toString);
        AppEvents.Ended ended = events.get(events.size() - 1);
        assertEquals("IDENTITY_CHANGED", ended.reason());
        assertEquals(context + "/home", ended.requestPath());
        assertFalse(aliceSession.contains(ended.sessionIdHash()), "a hash, not the id");

        HttpResponse<String> bobHome = browser.follow(flush);
        assertEquals(200, bobHome.statusCode(), browser.history()::toString);
        assertEquals(BOB, signedInAs(bobHome), bobHome::body);
        assertNotEquals(aliceSession, browser.cookie("JSESSIONID"), "B got a session of his own");
        assertTrue(browser.statuses().stream().allMatch(s -> s < 400), browser.history()::toString);
        assertEquals(eventsBefore + 1, AppEvents.of(base).size(), "signing B in ended nothing");

        // A's session is gone on the server too: its id no longer means anyone.
        RawHttp.Response replay = RawHttp.get(TRUSTED, base, "home", "Cookie", "JSESSIONID=" + aliceSession);
        assertEquals(401, replay.status(), replay::body);
        assertNull(signedInAs(replay.body()), replay::body);
        assertFalse(log.since().contains(aliceSession), "E2: session id logged");
    }

    /**
     * I1 B4: an API call after the switch → 401 problem+json, reason IDENTITY_CHANGED, {@code Session-Restart};
     * following {@code Session-Restart} (what staleguard.js does) signs B in.
     */
    public static void apiCallGetsAProblemWithSessionRestart(URL base) throws Exception {
        String context = SsoApp.contextPath(base);
        Browser browser = new Browser().proxyHeader(HEADER, ALICE);
        assertEquals(ALICE, signedInAs(browser.open(home(base))));

        browser.proxyHeader(HEADER, BOB);
        HttpResponse<String> problem = browser.fetch("GET", URI.create(base + "api/docs?n=1"), null);

        assertEquals(401, problem.statusCode(), problem::body);
        assertTrue(problem.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        String restart = problem.headers().firstValue("Session-Restart").orElse(null);
        assertEquals(context + "/home", restart);
        assertTrue(problem.body().contains("\"reason\":\"IDENTITY_CHANGED\""), problem::body);
        assertExpiredOnce(problem, "JSESSIONID", context);

        HttpResponse<String> restarted = browser.open(problem.uri().resolve(restart));
        assertEquals(200, restarted.statusCode(), browser.history()::toString);
        assertEquals(BOB, signedInAs(restarted));
    }

    static URI home(URL base) {
        return URI.create(base + "home");
    }

    static String signedInAs(HttpResponse<String> page) {
        return signedInAs(page.body());
    }

    static String signedInAs(String body) {
        Matcher m = USER.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
