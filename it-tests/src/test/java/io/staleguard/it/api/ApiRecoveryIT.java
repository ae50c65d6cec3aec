package io.staleguard.it.api;

import static io.staleguard.it.support.SetCookie.assertExpiredOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.consent.ConsentApp.Registration;
import io.staleguard.it.consent.SignIn;
import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.Json;
import io.staleguard.it.support.Server;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Incident 1's stale state reached by a script instead of a page load: the consent page's "Allow access" sent with
 * {@code fetch()} (JSON accepted, no fetch metadata). A redirect would be followed invisibly by the script, so it gets a
 * 401 problem document that tells it where to restart.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("B4: an API request into a stale session")
class ApiRecoveryIT {

    private static final String WAR = "consent-api.war";

    @Deployment(testable = false)
    static WebArchive app() {
        return ConsentApp.war(WAR, Registration.WEB_XML);
    }

    @Test
    @DisplayName("B4 B3 B5 B7 E1: Accept: application/json without fetch metadata → 401 application/problem+json with "
            + "restart = the original /authorize, the same in Session-Restart, stale cookies expired")
    void scriptGetsAProblemDocument(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        URI authorize = ConsentApp.authorize(base, "api");
        String restart = authorize.getRawPath() + "?" + authorize.getRawQuery();
        Browser browser = new Browser();
        HttpResponse<String> consent = SignIn.toConsent(browser, base, "api", "bob");

        Server.current().reprovision(ConsentApp.war(WAR, Registration.WEB_XML));

        HttpResponse<String> problem = browser.fetch("POST", Browser.formAction(consent, "consent"), Browser.form());
        assertEquals(401, problem.statusCode(), problem::body);
        assertTrue(problem.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> problem.headers().map().toString());
        assertEquals(restart, problem.headers().firstValue("Session-Restart").orElse(null));
        assertEquals("no-store", problem.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(problem.headers().firstValue("Location").isEmpty(), "not a redirect");
        String body = problem.body();
        assertEquals("401", Json.value(body, "status"), body);
        assertEquals(restart, Json.value(body, "restart"), body);
        assertEquals("NOT_FOUND", Json.value(body, "reason"), body);
        assertEquals("true", Json.value(body, "retry"), body);
        assertTrue(!Json.value(body, "type").isEmpty() && !Json.value(body, "title").isEmpty()
                && !Json.value(body, "detail").isEmpty(), body);

        assertExpiredOnce(problem, "JSESSIONID", context);
        assertExpiredOnce(problem, "_interaction", context + "/interaction");
        assertExpiredOnce(problem, "_interaction.sig", context + "/interaction");
        assertEquals(List.of(), browser.cookies("JSESSIONID"), browser.jar());
        assertEquals(List.of(), browser.cookies("_interaction"), browser.jar());
        assertEquals(1, AppEvents.of(base).size());

        // What staleguard.js does with it: navigate to the restart target, which starts a fresh sign-in.
        HttpResponse<String> login = browser.open(problem.uri().resolve(Json.value(body, "restart")));
        assertEquals(200, login.statusCode(), browser.history()::toString);
        assertTrue(login.body().contains("id=\"login\""), login::body);
    }
}
