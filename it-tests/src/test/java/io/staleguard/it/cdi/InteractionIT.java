package io.staleguard.it.cdi;

import static io.staleguard.it.cdi.Answers.assertJaxRsRestart;
import static io.staleguard.it.cdi.Answers.assertProblem;
import static io.staleguard.it.cdi.Answers.assertRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.Server;
import io.staleguard.it.support.ServerLog;
import io.staleguard.it.support.SetCookie;
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
 * Incident 1 where a filter alone cannot help: the provider's code catches the "session not found" itself and renders
 * its own 400 page (a servlet calling a CDI bean), or its JAX-RS exception mapper does. Without Staleguard that is the
 * dead end; with staleguard-cdi.jar and {@code @Interaction(restart = "/authorize")} on the bean or resource method,
 * the interceptor recovers before the application's error handling runs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C1: @Interaction heals incident 1 where the application handles the exception itself (WildFly)")
class InteractionIT {

    private static final String PLAIN = "cdi-plain.war";
    private static final String CDI = "cdi-consent.war";
    /** A comma followed by {@code name=}: a second cookie folded into the header (an Expires date has no '='). */
    private static final Pattern FOLDED = Pattern.compile(",\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=");

    @Deployment(name = PLAIN, testable = false)
    static WebArchive plain() {
        return CdiApp.war(PLAIN, false);
    }

    @Deployment(name = CDI, testable = false)
    static WebArchive withStaleguard() {
        return CdiApp.war(CDI, true);
    }

    @Test
    @DisplayName("Without Staleguard (documents the bug): re-provisioned provider → \"Allow access\" is the "
            + "provider's 400 \"session not found\" (servlet) or the mapper's 400 (JAX-RS), again and again")
    void withoutStaleguardTheConfirmIsADeadEnd(@ArquillianResource @OperateOnDeployment(PLAIN) URL base)
            throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "before"));
        assertEquals(200, consent.statusCode(), browser.history()::toString);

        Server.current().reprovision(CdiApp.war(PLAIN, false));
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> allow = browser.post(Browser.formAction(consent, "consent"), Browser.form());
        assertEquals(400, allow.statusCode(), allow::body);
        assertTrue(allow.body().contains(Pages.SESSION_NOT_FOUND), allow::body);
        HttpResponse<String> allowRest = browser.post(Browser.formAction(consent, "consent-rest"), Browser.form());
        assertEquals(400, allowRest.statusCode(), allowRest::body);
        assertEquals(CatchAllMapper.PREFIX + Pages.SESSION_NOT_FOUND, allowRest.body());
        // Stuck: the dead cookie stays, and clicking again fails the same way.
        assertFalse(browser.cookies("JSESSIONID").isEmpty(), browser.jar());
        assertEquals(400, browser.post(Browser.formAction(consent, "consent"), Browser.form()).statusCode());
        events.assertNone();
    }

    @Test
    @DisplayName("C1 B3 B4 B5 E1 E2, servlet → @Interaction bean: re-provisioned provider, \"Allow access\" → 303 to "
            + "/authorize (the @Interaction restart), JSESSIONID expired exactly, the app's 400 never sent, one event; "
            + "the fresh flow completes with a new session")
    void servletCalledBeanRecovers(@ArquillianResource @OperateOnDeployment(CDI) URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "before"));
        assertEquals(200, consent.statusCode(), browser.history()::toString);
        String staleSessionId = browser.cookie("JSESSIONID");

        Server.current().reprovision(CdiApp.war(CDI, true));
        SessionEvents events = SessionEvents.mark(base);
        ServerLog log = ServerLog.mark(base);

        URI confirm = Browser.formAction(consent, "consent");
        HttpResponse<String> recovery = browser.post(confirm, Browser.form());

        assertRestart(recovery, context + "/authorize", context);
        assertEquals(List.of(), browser.cookies("JSESSIONID"), browser.jar());
        events.assertOne(confirm.getRawPath(), staleSessionId);

        // The user follows the redirect: a fresh consent, in a new session, that completes at the client.
        HttpResponse<String> fresh = browser.follow(recovery);
        assertEquals(200, fresh.statusCode(), browser.history()::toString);
        assertEquals(context + "/authorize", fresh.uri().getRawPath());
        assertNotEquals(staleSessionId, browser.cookie("JSESSIONID"));
        HttpResponse<String> callback = browser.follow(browser.post(Browser.formAction(fresh, "consent"),
                Browser.form()));
        assertEquals(200, callback.statusCode(), browser.history()::toString);
        assertTrue(callback.body().contains("demo-client signed in (state fresh)"), callback::body);
        assertTrue(browser.statuses().stream().allMatch(s -> s < 400), "the user saw an error: " + browser.history());
        assertEquals(1, events.since().size(), "the fresh flow ended no session");
        assertFalse(log.since().contains(staleSessionId), "session id logged");
    }

    @Test
    @DisplayName("C1 B4, servlet → @Interaction bean, script call (JSON, no fetch metadata): 401 problem+json with "
            + "restart and Session-Restart = /authorize, JSESSIONID expired, one event")
    void servletCalledBeanAnswersAScriptWithAProblem(@ArquillianResource @OperateOnDeployment(CDI) URL base)
            throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "api"));
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        URI confirm = Browser.formAction(consent, "consent");
        HttpResponse<String> problem = browser.fetch("POST", confirm, Browser.form());

        assertProblem(problem, context + "/authorize", context);
        events.assertOne(confirm.getRawPath(), staleSessionId);
    }

    @Test
    @DisplayName("C1 B3 B4 E1, JAX-RS method returning Response: stale \"Allow access\" → the interceptor's 303 wins "
            + "over the ExceptionMapper (no \"mapped\" 400), raw relative Location, one Set-Cookie line per cookie; "
            + "the fresh flow completes through JAX-RS")
    void jaxRsResponseMethodRecovers(@ArquillianResource @OperateOnDeployment(CDI) URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "rest"));
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        URI confirm = Browser.formAction(consent, "consent-rest");
        HttpResponse<String> recovery = browser.post(confirm, Browser.form());

        // Sent as Staleguard checked it (on Payara, Jersey resolves it against the request: see assertJaxRsRestart).
        assertJaxRsRestart(recovery, context + "/authorize", context);
        // The JAX-RS runtime must not fold the cookies into one header: each Set-Cookie is a line of its own.
        List<SetCookie> cookies = SetCookie.all(recovery);
        assertTrue(cookies.size() >= 2, recovery.headers().allValues("Set-Cookie")::toString);
        for (SetCookie c : cookies) {
            assertFalse(FOLDED.matcher(c.raw()).find(), () -> "two cookies in one header: " + c.raw());
        }
        assertTrue(cookies.stream().anyMatch(c -> c.name().equals("staleguard-retry")), cookies::toString);
        assertEquals(List.of(), browser.cookies("JSESSIONID"), browser.jar());
        events.assertOne(confirm.getRawPath(), staleSessionId);

        HttpResponse<String> fresh = browser.follow(recovery);
        assertEquals(200, fresh.statusCode(), browser.history()::toString);
        HttpResponse<String> callback = browser.follow(browser.post(Browser.formAction(fresh, "consent-rest"),
                Browser.form()));
        assertEquals(200, callback.statusCode(), browser.history()::toString);
        assertTrue(callback.body().contains("demo-client signed in (state fresh)"), callback::body);
        assertEquals(1, events.since().size(), "the fresh flow ended no session");
    }

    @Test
    @DisplayName("C1 B4, JAX-RS method returning Response, script call: 401 problem+json instead of the mapper's 400")
    void jaxRsResponseMethodAnswersAScriptWithAProblem(@ArquillianResource @OperateOnDeployment(CDI) URL base)
            throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "rest-api"));
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        URI confirm = Browser.formAction(consent, "consent-rest");
        HttpResponse<String> problem = browser.fetch("POST", confirm, Browser.form());

        assertProblem(problem, context + "/authorize", context);
        events.assertOne(confirm.getRawPath(), staleSessionId);
    }

    @Test
    @DisplayName("C1, JAX-RS method returning an entity (String): the recovery is written to the response and the "
            + "method returns null → 303 to /authorize, JSESSIONID expired, one event, no \"mapped\" 400")
    void jaxRsEntityMethodRecovers(@ArquillianResource @OperateOnDeployment(CDI) URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "text"));
        URI pending = URI.create(base + "rest/consent/pending");
        assertEquals("pending: text", browser.get(pending).body());
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> recovery = browser.get(pending);

        assertRestart(recovery, context + "/authorize", context);
        events.assertOne(pending.getRawPath(), staleSessionId);
    }
}
