package io.staleguard.it.cdi;

import static io.staleguard.it.cdi.Answers.assertNoSetCookie;
import static io.staleguard.it.cdi.Answers.assertJaxRsRestart;
import static io.staleguard.it.cdi.Answers.assertProblem;
import static io.staleguard.it.cdi.Answers.assertRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;

import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.support.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * C1 where {@code StaleSessionFilter} does not run at all: staleguard-cdi.jar is there, but
 * {@code <absolute-ordering/>} leaves the filter jar's web-fragment out and nothing registers the filter. A JAX-RS
 * method returning {@code Response} still heals, because the interceptor returns the recovery as the method's
 * {@code Response}; a method returning an entity has nothing to write to, so its exception goes on unchanged.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C1: the interceptor without StaleSessionFilter (WildFly)")
class InterceptorAloneIT {

    @Deployment(testable = false)
    static WebArchive app() {
        // The application without Staleguard (absolute-ordering, no staleguard-cdi.jar), plus staleguard-cdi.jar.
        return CdiApp.withStaleguard(CdiApp.war("cdi-no-filter.war", false), true);
    }

    @Test
    @DisplayName("C1 B3 B4 E1, JAX-RS Response method, page load: 303 to /authorize with the cookie expiries, one "
            + "event, though no filter runs")
    void responseMethodRecoversOnItsOwn(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "alone"));
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        URI confirm = Browser.formAction(consent, "consent-rest");
        HttpResponse<String> recovery = browser.post(confirm, Browser.form());

        assertJaxRsRestart(recovery, context + "/authorize", context);
        events.assertOne(confirm.getRawPath(), staleSessionId);
        assertEquals(200, browser.follow(recovery).statusCode(), browser.history()::toString);
    }

    @Test
    @DisplayName("C1 B4, JAX-RS Response method, script call: 401 problem+json, though no filter runs")
    void responseMethodAnswersAScriptOnItsOwn(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "alone-api"));
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        URI confirm = Browser.formAction(consent, "consent-rest");
        HttpResponse<String> problem = browser.fetch("POST", confirm, Browser.form());

        assertProblem(problem, context + "/authorize", context);
        events.assertOne(confirm.getRawPath(), staleSessionId);
    }

    @Test
    @DisplayName("C1, JAX-RS entity (String) method without the filter: rethrown for a filter that is not there, so "
            + "the application's mapper answers; nothing expired, no event (register the filter for these)")
    void entityMethodNeedsTheFilter(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        browser.open(ConsentFlow.authorize(base, "alone-text"));
        ConsentFlow.wipeSessions(base);
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> mapped = browser.get(URI.create(base + "rest/consent/pending"));

        assertEquals(400, mapped.statusCode(), mapped::body);
        assertEquals(CatchAllMapper.PREFIX + Pages.SESSION_NOT_FOUND, mapped.body());
        assertNoSetCookie(mapped);
        events.assertNone();
    }
}
