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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Incident 1, stale cookie at the consent step, on a real server: a user signs in at an OpenID-provider-like
 * application and reaches "Allow access?"; the provider is re-provisioned (its sessions, interactions and cookie key
 * are gone); the user clicks "Allow access". Without Staleguard that is a 400 dead end; with it, registered any of the
 * three ways, the stale cookies are expired and the user is walked back into a fresh sign-in that completes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("Incident 1: stale cookie at the consent step")
class ConsentFlowIT {

    private static final String PLAIN = "consent-plain.war";
    private static final String WEB_XML = "consent-webxml.war";
    private static final String PROGRAMMATIC = "consent-programmatic.war";
    private static final String DROP_IN = "consent-dropin.war";
    private static final String SWITCHED_OFF = "consent-switched-off.war";

    @Deployment(name = PLAIN, testable = false)
    static WebArchive plain() {
        return ConsentApp.war(PLAIN, Registration.NONE);
    }

    @Deployment(name = WEB_XML, testable = false)
    static WebArchive webXml() {
        return ConsentApp.war(WEB_XML, Registration.WEB_XML);
    }

    @Deployment(name = PROGRAMMATIC, testable = false)
    static WebArchive programmatic() {
        return ConsentApp.war(PROGRAMMATIC, Registration.PROGRAMMATIC);
    }

    @Deployment(name = DROP_IN, testable = false)
    static WebArchive dropIn() {
        return ConsentApp.war(DROP_IN, Registration.DROP_IN);
    }

    @Deployment(name = SWITCHED_OFF, testable = false)
    static WebArchive switchedOff() {
        return ConsentApp.war(SWITCHED_OFF, Registration.DROP_IN_SWITCHED_OFF);
    }

    @Test
    @DisplayName("Without Staleguard (documents the bug): re-provisioned provider → \"Allow access\" is a 400 "
            + "\"session not found\", and stays one while the stale cookies stay")
    void withoutStaleguardTheConfirmIsADeadEnd(@ArquillianResource @OperateOnDeployment(PLAIN) URL base)
            throws Exception {
        deadEnd(base, PLAIN, Registration.NONE);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, web.xml registration: stale confirm → 303 to the original /authorize, stale "
            + "cookies gone (sub-path one too), fresh sign-in → 200 at the client, no 4xx/5xx on the way")
    void webXmlRegistrationRecovers(@ArquillianResource @OperateOnDeployment(WEB_XML) URL base) throws Exception {
        recoversIntoAFreshSignIn(base, WEB_XML, Registration.WEB_XML);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, programmatic registration (addFilter in a ServletContextListener): same "
            + "recovery, same fresh sign-in")
    void programmaticRegistrationRecovers(@ArquillianResource @OperateOnDeployment(PROGRAMMATIC) URL base)
            throws Exception {
        recoversIntoAFreshSignIn(base, PROGRAMMATIC, Registration.PROGRAMMATIC);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, drop-in registration (only the jar's web-fragment.xml): same recovery, "
            + "same fresh sign-in")
    void dropInRegistrationRecovers(@ArquillianResource @OperateOnDeployment(DROP_IN) URL base) throws Exception {
        recoversIntoAFreshSignIn(base, DROP_IN, Registration.DROP_IN);
    }

    @Test
    @DisplayName("Drop-in opt-out: with context-param staleguard.drop-in=false the jar stays inert (no restart "
            + "cookie, no recovery) and incident 1's dead end is back")
    void dropInSwitchedOffLeavesTheApplicationAlone(@ArquillianResource @OperateOnDeployment(SWITCHED_OFF) URL base)
            throws Exception {
        deadEnd(base, SWITCHED_OFF, Registration.DROP_IN_SWITCHED_OFF);
    }

    private void deadEnd(URL base, String war, Registration registration) throws Exception {
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

    private void recoversIntoAFreshSignIn(URL base, String war, Registration registration) throws Exception {
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
