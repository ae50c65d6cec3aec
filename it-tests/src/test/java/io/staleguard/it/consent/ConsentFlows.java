package io.staleguard.it.consent;

import static io.staleguard.it.support.SetCookie.assertExpiredOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.staleguard.it.consent.ConsentApp.Registration;
import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.Server;
import io.staleguard.it.support.ServerLog;

/**
 * Incident 1 as a user lives it, against the deployment of {@link ConsentApp} at {@code base} on
 * {@link Server#current()}: shared by the Arquillian suite (WildFly, Payara) and the embedded Tomcat tests, so every
 * server is held to the same assertions.
 */
public final class ConsentFlows {

    private ConsentFlows() {
    }

    /**
     * Without a working Staleguard: sign in to the consent page, re-provision, click "Allow access": a 400 that stays
     * one while the stale cookies stay, and no event.
     */
    public static void deadEnd(URL base, String war, Registration registration) throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> consent = SignIn.toConsent(browser, base, "before", "alice");
        assertTrue(browser.cookies("staleguard-restart").isEmpty(), "no Staleguard filter runs: " + browser.jar());

        Server.current().reprovision(ConsentApp.war(war, registration));

        HttpResponse<String> allow = browser.follow(SignIn.allow(browser, consent));
        assertEquals(400, allow.statusCode(), browser.history()::toString);
        assertTrue(allow.body().contains("session not found"), allow::body);
        // Stuck: the browser keeps the dead cookies, and clicking again fails the same way.
        assertFalse(browser.cookies("JSESSIONID").isEmpty(), browser.jar());
        assertFalse(browser.cookies("_interaction").isEmpty(), browser.jar());
        assertEquals(400, browser.follow(SignIn.allow(browser, consent)).statusCode(), browser.history()::toString);
        assertEquals(List.of(), AppEvents.of(base));
    }

    /**
     * The annotation registration ({@link AnnotatedGuard}) on the deployment at {@code base}: the subclass's
     * configuration is the one used (the whole of {@link #recoversIntoAFreshSignIn} depends on its cookie spec,
     * capture path and key), and the jar's drop-in stays out (SG0005 names the subclass's registration). The drop-in
     * with its default configuration would expire no {@code _interaction} cookie and restart at the context root.
     */
    public static void annotatedSubclassRecovers(URL base) throws Exception {
        ServerLog log = ServerLog.mark(base);
        recoversIntoAFreshSignIn(base, AnnotatedGuard.WAR, Registration.ANNOTATION);
        String since = log.since();
        assertTrue(since.contains("SG0005") && since.contains(AnnotatedGuard.YIELDED),
                "the drop-in did not say it yields to " + AnnotatedGuard.NAME + ":\n" + since);
    }

    /**
     * With Staleguard registered as {@code registration}: the same steps end in a 303 to the original /authorize with
     * every stale cookie expired exactly once, one event, and a fresh sign-in that completes without an error.
     */
    public static void recoversIntoAFreshSignIn(URL base, String war, Registration registration) throws Exception {
        String context = ConsentApp.contextPath(base);
        String state = "st-" + registration.name().toLowerCase();
        URI authorize = ConsentApp.authorize(base, state);
        Browser browser = new Browser();

        HttpResponse<String> consent = SignIn.toConsent(browser, base, state, "alice");
        String staleSessionId = browser.cookie("JSESSIONID");
        String staleInteraction = browser.cookie("_interaction");
        assertEquals(1, browser.cookies("staleguard-restart").size(), "B7: /authorize was captured: " + browser.jar());

        Server.current().reprovision(ConsentApp.war(war, registration));
        ServerLog log = ServerLog.mark(base);

        URI confirm = Browser.formAction(consent, "consent");
        HttpResponse<String> recovery = SignIn.allow(browser, consent);

        // B4: the page load becomes a 303 (the POST turns into a GET), never cached.
        assertEquals(303, recovery.statusCode(), recovery::body);
        assertEquals("no-store", recovery.headers().firstValue("Cache-Control").orElse(null));
        // B5, B7: back to the client's original authorization request, remembered in the signed restart cookie,
        // which verifies across the re-provisioning because restart-keys is configured.
        assertEquals(authorize.getRawPath() + "?" + authorize.getRawQuery(),
                recovery.headers().firstValue("Location").orElse(null));
        // B3, on the wire: each stale cookie expired exactly once, on the Path it was set with.
        assertExpiredOnce(recovery, "JSESSIONID", context);
        assertExpiredOnce(recovery, "_interaction", context + "/interaction");
        assertExpiredOnce(recovery, "_interaction.sig", context + "/interaction");
        // ... and the browser's cookie store agrees: they are gone, the sub-path ones included.
        assertEquals(List.of(), browser.cookies("JSESSIONID"), browser.jar());
        assertEquals(List.of(), browser.cookies("_interaction"), browser.jar());
        assertEquals(List.of(), browser.cookies("_interaction.sig"), browser.jar());
        // E1: one event, for the confirm request; E2: it names the session by a short hash only.
        List<AppEvents.Ended> events = AppEvents.of(base);
        assertEquals(1, events.size(), events::toString);
        assertEquals("NOT_FOUND", events.get(0).reason());
        assertEquals(confirm.getRawPath(), events.get(0).requestPath());
        assertTrue(events.get(0).sessionIdHash().matches("[0-9a-f]{12}"), events.get(0).sessionIdHash());
        assertFalse(staleSessionId.contains(events.get(0).sessionIdHash()), "a hash, not the id");

        // The user follows the redirect and signs in afresh, from the original /authorize.
        HttpResponse<String> login = browser.follow(recovery);
        int restartHop = browser.history().size() - 2;
        assertEquals(authorize, browser.history().get(restartHop).uri(), browser.history()::toString);
        // Where the flow restarted, the browser holds fresh cookies only: a new session and a new interaction.
        assertFalse(browser.cookie("JSESSIONID").equals(staleSessionId), browser.jar());
        assertFalse(browser.cookie("_interaction").equals(staleInteraction), browser.jar());
        HttpResponse<String> freshConsent = SignIn.fromLoginPage(browser, login, "alice");
        HttpResponse<String> callback = browser.follow(SignIn.allow(browser, freshConsent));

        assertEquals(200, callback.statusCode(), browser.history()::toString);
        assertEquals(context + "/callback", callback.uri().getPath());
        assertTrue(callback.body().contains("demo-client signed in alice (state " + state + ")"), callback::body);
        assertTrue(browser.statuses().stream().allMatch(s -> s < 400), "the user saw an error: " + browser.history());
        assertEquals(1, AppEvents.of(base).size(), "the fresh sign-in ended no session");
        // E2: the stale session id appears nowhere in the server log.
        assertFalse(log.since().contains(staleSessionId), "session id logged");
    }
}
