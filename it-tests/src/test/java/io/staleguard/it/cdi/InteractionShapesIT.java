package io.staleguard.it.cdi;

import static io.staleguard.it.cdi.Answers.assertNoSetCookie;
import static io.staleguard.it.cdi.Answers.assertRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.ServerLog;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * C1 beyond the happy path, on a real server: the method shapes the interceptor cannot answer for itself (it hands the
 * stale session on to the filter), store outages (T1: never a stale session), methods that return normally, and a
 * response already committed when the session turns out to be gone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C1 T1: @Interaction's hand-offs, transient failures and quiet paths (WildFly)")
class InteractionShapesIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return CdiApp.war("cdi-shapes.war", true);
    }

    @Test
    @DisplayName("C1 B5, primitive return type (int): the interceptor rethrows for StaleSessionFilter, which recovers "
            + "with the @Interaction restart (/authorize, not the current URL): 303, JSESSIONID expired, one event")
    void primitiveReturnHandsOffToTheFilter(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "count"));
        URI attempts = URI.create(base + "steps/attempts");
        assertEquals("attempts: 1", browser.get(attempts).body());
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> recovery = browser.get(attempts);

        // Without the hand-off the filter would restart this GET at its own URL, /steps/attempts.
        assertRestart(recovery, context + "/authorize", context);
        events.assertOne(attempts.getRawPath(), staleSessionId);
    }

    @Test
    @DisplayName("C1 T1, StoreUnavailableException (wrapping a SessionNotFoundException) from an @Interaction bean "
            + "called by a servlet that handles errors itself: the application's own answer, no Set-Cookie, no "
            + "event, the session still alive")
    void transientFailureReachesTheApplicationUntouched(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "outage"));
        String sessionId = browser.cookie("JSESSIONID");
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> outage = browser.post(URI.create(base + "interaction/outage"), Browser.form());

        assertEquals(400, outage.statusCode(), outage::body);
        assertTrue(outage.body().contains(Pages.SESSION_NOT_FOUND), "the application's own page: " + outage.body());
        assertNoSetCookie(outage);
        events.assertNone();
        assertStillSignedIn(browser, base, sessionId, "outage");
    }

    @Test
    @DisplayName("C1 T1, the same store outage left uncaught: StaleSessionFilter's on-unavailable default, 503 with "
            + "Retry-After; no Set-Cookie, no event, the session still alive")
    void uncaughtTransientFailureIsA503(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "outage-503"));
        String sessionId = browser.cookie("JSESSIONID");
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> outage = browser.post(URI.create(base + "steps/outage"), Browser.form());

        assertEquals(503, outage.statusCode(), outage::body);
        assertTrue(outage.headers().firstValue("Retry-After").orElse("").matches("[1-9][0-9]*"),
                () -> outage.headers().map().toString());
        assertNoSetCookie(outage);
        events.assertNone();
        assertStillSignedIn(browser, base, sessionId, "outage-503");
    }

    @Test
    @DisplayName("C1 T1, the store outage from an @Interaction JAX-RS method: it reaches the application's "
            + "ExceptionMapper as it is; no Set-Cookie, no event, the session still alive")
    void transientFailureReachesTheExceptionMapper(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "outage-rest"));
        String sessionId = browser.cookie("JSESSIONID");
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> outage = browser.post(URI.create(base + "rest/consent/outage"), Browser.form());

        assertEquals(400, outage.statusCode(), outage::body);
        assertEquals(CatchAllMapper.PREFIX + "consent store timed out", outage.body());
        assertNoSetCookie(outage);
        events.assertNone();
        assertStillSignedIn(browser, base, sessionId, "outage-rest");
    }

    @Test
    @DisplayName("C1, an @Interaction method that returns normally: its answer, 200, no Set-Cookie, no event")
    void normalReturnIsLeftAlone(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "fine"));
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> servlet = browser.get(URI.create(base + "interaction/pending"));
        HttpResponse<String> rest = browser.get(URI.create(base + "rest/consent/pending"));
        HttpResponse<String> primitive = browser.get(URI.create(base + "steps/attempts"));

        for (HttpResponse<String> r : List.of(servlet, rest, primitive)) {
            assertEquals(200, r.statusCode(), r::body);
            assertNoSetCookie(r);
        }
        assertEquals("pending: fine", servlet.body());
        assertEquals("pending: fine", rest.body());
        assertEquals("attempts: 1", primitive.body());
        events.assertNone();
    }

    @Test
    @DisplayName("C1 B3 E1, response already committed when the @Interaction method finds the session gone: the "
            + "partial page stands, no Set-Cookie, exactly one event (not one from the interceptor and one from the "
            + "filter), one SG0002 WARN")
    void committedResponse(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "report"));
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);
        ServerLog log = ServerLog.mark(base);

        URI report = URI.create(base + "steps/report");
        HttpResponse<String> partial = browser.get(report);

        assertEquals(200, partial.statusCode());
        assertTrue(partial.body().startsWith(StepsServlet.REPORT_START), partial::body);
        assertFalse(partial.body().contains("</body>"), "the rest of the page was never written: " + partial.body());
        assertTrue(partial.headers().firstValue("Location").isEmpty());
        assertNoSetCookie(partial);
        events.assertOne(report.getRawPath(), staleSessionId);
        String logged = log.since();
        List<String> warnings = log.recordsWith("SG0002");
        assertEquals(1, warnings.size(), logged);
        assertTrue(warnings.get(0).contains("/steps/report"), warnings.get(0));
        assertFalse(logged.contains("IllegalStateException"), logged);
    }

    /** The session that was there is still there, and still holds the consent in progress. */
    private static void assertStillSignedIn(Browser browser, URL base, String sessionId, String state)
            throws Exception {
        HttpResponse<String> pending = browser.get(URI.create(base + "interaction/pending"));
        assertEquals(200, pending.statusCode(), pending::body);
        assertEquals("pending: " + state, pending.body());
        assertEquals(sessionId, browser.cookie("JSESSIONID"));
    }
}
