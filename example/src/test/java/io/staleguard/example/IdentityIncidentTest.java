package io.staleguard.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.EndReason;
import io.staleguard.example.identity.IdentityIncident;

/**
 * Incident 3 over HTTP, on the example in an embedded container: the simulated SSO proxy vouches for alice, then for
 * someone else, while the wiki's session still says alice. The {@code /without/} space is the foil: the wiki keeps
 * serving alice, and its API fails every call on its own.
 */
class IdentityIncidentTest {

    private static final String WITH = "incident3/with/";
    private static final String WITHOUT = "incident3/without/";

    private EmbeddedExample example;
    private Tour.Browser browser;

    @BeforeEach
    void browser() throws Exception {
        example = EmbeddedExample.get();
        browser = example.browser();
    }

    @Test
    @DisplayName("I1/B3: with Staleguard, a page load after the proxy switched users ends the old session and comes "
            + "back to the same URL, where the new user is signed in")
    void pageLoadAfterTheSwitch() throws Exception {
        signInAsAliceThenSwitchTo(WITH, "bob@example.com");
        long before = example.eventTotal();

        HttpResponse<String> page = browser.navigate(WITH);

        assertEquals(303, page.statusCode());
        assertEquals("/staleguard-example/incident3/with/", page.headers().firstValue("Location").orElse(null));
        assertTrue(page.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.startsWith("JSESSIONID=;")
                && h.contains("Max-Age=0") && h.contains("Path=/staleguard-example")),
                "alice's session cookie is expired: " + page.headers().allValues("Set-Cookie"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(List.of(EndReason.IDENTITY_CHANGED), example.reasonsSince(before));
        HttpResponse<String> after = browser.follow(page);
        assertEquals(200, after.statusCode());
        assertTrue(after.body().contains("Signed in as Bob"), after.body());
    }

    @Test
    @DisplayName("I1/B4: with Staleguard, a script call after the switch gets one 401 problem document naming the "
            + "single-page app as the restart target")
    void apiCallAfterTheSwitch() throws Exception {
        signInAsAliceThenSwitchTo(WITH, "bob@example.com");

        HttpResponse<String> call = browser.api("GET", WITH + "api/documents", null);

        assertEquals(401, call.statusCode());
        assertEquals("/staleguard-example/incident3/with/spa",
                call.headers().firstValue("Session-Restart").orElse(null));
        assertTrue(call.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("IDENTITY_CHANGED", Tour.field(call.body(), "reason"), call.body());
        assertFalse(call.body().contains("Payroll"), "none of alice's data goes to the new user");
    }

    @Test
    @DisplayName("I2: with Staleguard, the %@%.% header is nobody: alice's session ends and no account matches")
    void wildcardMatchesNobody() throws Exception {
        signInAsAliceThenSwitchTo(WITH, IdentityIncident.WILDCARD);
        long before = example.eventTotal();

        HttpResponse<String> page = browser.navigate(WITH);
        HttpResponse<String> after = browser.follow(page);

        assertEquals(303, page.statusCode(), "%@%.% is not alice");
        assertEquals(List.of(EndReason.IDENTITY_CHANGED), example.reasonsSince(before));
        assertEquals(403, after.statusCode());
        assertTrue(after.body().contains("no account for <code>%@%.%</code>"), after.body());
        assertNull(IdentityIncident.account(IdentityIncident.WILDCARD), "the wiki's lookup is exact");
        assertNotNull(IdentityIncident.account(" Alice@Example.com "), "after trimming and lower-casing");
    }

    @Test
    @DisplayName("The foil: without Staleguard the wiki keeps serving alice, and its API refuses every call on its "
            + "own, with nothing a page script could act on")
    void withoutStaleguardAliceStays() throws Exception {
        signInAsAliceThenSwitchTo(WITHOUT, "bob@example.com");
        long before = example.eventTotal();

        HttpResponse<String> page = browser.navigate(WITHOUT);
        HttpResponse<String> call = browser.api("GET", WITHOUT + "api/documents", null);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Signed in as Alice (admin)"), "still alice's session");
        assertEquals(401, call.statusCode());
        assertTrue(call.headers().firstValue("Session-Restart").isEmpty());
        assertTrue(call.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(List.of(), example.reasonsSince(before));
    }

    @Test
    @DisplayName("I3 scaffolding: the simulated proxy overwrites an identity header the browser sends itself")
    void browsersCannotChooseTheirIdentity() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(example.base()
                .resolve(WITH)).header("Accept", "text/html").header(IdentityIncident.IDENTITY_HEADER,
                        "bob@example.com").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Signed in as Alice (admin)"), "the proxy vouches for alice, whatever the "
                + "browser claims");
    }

    @Test
    @DisplayName("The embedded container deploys the filter jar as WildFly does: its web-fragment's drop-in filters "
            + "are registered, and switched off by web.xml's own registrations")
    void fragmentDeployed() throws Exception {
        jakarta.servlet.ServletContext context = example.servletContext();
        assertNotNull(context.getFilterRegistration("staleguard-drop-in"), "the jar's web-fragment.xml was read");
        assertNotNull(context.getFilterRegistration("staleguard-rolling-drop-in"));
    }

    @Test
    @DisplayName("I4: the filter jar serves staleguard.js, and only the single-page app with Staleguard loads it")
    void staleguardJs() throws Exception {
        HttpResponse<String> js = browser.api("GET", "staleguard/staleguard.js", null);
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("Session-Restart"));

        String tag = "<script src=\"/staleguard-example/staleguard/staleguard.js\"></script>";
        assertTrue(browser.navigate(WITH + "spa").body().contains(tag));
        assertFalse(example.browser().navigate(WITHOUT + "spa").body().contains(tag));
    }

    private void signInAsAliceThenSwitchTo(String app, String user) throws Exception {
        HttpResponse<String> home = browser.navigate(app);
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Signed in as Alice (admin)"), home.body());
        assertEquals(200, browser.api("POST", "incident3/proxy", Map.of("as", user)).statusCode());
    }
}
