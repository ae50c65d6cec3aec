package io.staleguard.it.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.staleguard.EndReason;
import io.staleguard.SessionEnded;
import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.support.Browser;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * E1 from inside the application: these tests run in the deployment, {@code @Inject} the application's
 * {@code @Observes SessionEnded} bean, drive a stale session through each way Staleguard can end it, over HTTP, and
 * count what the observer received: exactly one event per recovery, whoever recovered.
 */
@ExtendWith(ArquillianExtension.class)
@DisplayName("E1 with staleguard-cdi: one CDI SessionEnded per recovery, whoever recovers (in-container, WildFly)")
class SessionEndedIT {

    @Deployment
    static WebArchive app() {
        return CdiApp.war("cdi-events.war", true)
                .addClasses(ConsentFlow.class, Browser.class, Browser.Hop.class, ConsentApp.class);
    }

    @Inject
    EndedSessions ended;

    @Inject
    ConsentLedger ledger;

    @ArquillianResource
    URL base;

    @Test
    @DisplayName("E1 C1, the interceptor on a bean a servlet calls: one event")
    void interceptorOnAServletCalledBean() throws Exception {
        assertOneEvent("POST", "interaction/confirm");
    }

    @Test
    @DisplayName("E1 C1, the interceptor on a JAX-RS method returning Response: one event")
    void interceptorOnAJaxRsResource() throws Exception {
        assertOneEvent("POST", "rest/consent/confirm");
    }

    @Test
    @DisplayName("E1 C1, the interceptor rethrows (primitive return type) and StaleSessionFilter recovers: one event, "
            + "not two")
    void interceptorHandsOffToTheFilter() throws Exception {
        assertOneEvent("GET", "steps/attempts");
    }

    @Test
    @DisplayName("E1 B1, StaleSessionFilter alone (a servlet throws SessionNotFoundException): one event")
    void filterAlone() throws Exception {
        assertOneEvent("POST", "steps/direct");
    }

    @Test
    @DisplayName("E1, the application calls Staleguard.recover itself: one event")
    void staleguardRecover() throws Exception {
        assertOneEvent("POST", "steps/recover");
    }

    @Test
    @DisplayName("C1 E1, @Transactional outside @Interaction: the recovery replaces the exception, so it marks the "
            + "transaction rollback-only: STATUS_ROLLEDBACK (a normal call commits), and one event")
    void transactionIsRolledBack() throws Exception {
        // The control: the outcome this test reads is the transaction's real one.
        HttpResponse<String> touch = new Browser().post(URI.create(base + "ledger/touch"), Browser.form());
        assertEquals(204, touch.statusCode(), touch::body);
        assertEquals(Status.STATUS_COMMITTED, ledger.lastOutcome().get(30, TimeUnit.SECONDS));

        assertOneEvent("POST", "ledger/confirm");
        assertEquals(Status.STATUS_ROLLEDBACK, ledger.lastOutcome().get(30, TimeUnit.SECONDS),
                "the consent recorded before the session turned out stale must not commit");
    }

    /**
     * A fresh browser starts a consent, the server loses its sessions, and the browser sends {@code method path} with
     * its stale cookie as a page load: 303, and exactly one {@code SessionEnded} reaches the CDI observer, for that
     * request, naming the session by a 12-character hash only.
     */
    private void assertOneEvent(String method, String path) throws IOException, InterruptedException {
        Browser browser = new Browser();
        HttpResponse<String> consent = browser.open(ConsentFlow.authorize(base, "events"));
        assertEquals(200, consent.statusCode(), browser.history()::toString);
        String staleSessionId = browser.cookie("JSESSIONID");
        ConsentFlow.wipeSessions(base);
        int before = ended.all().size();

        URI uri = URI.create(base + path);
        HttpResponse<String> recovery = "GET".equals(method) ? browser.get(uri) : browser.post(uri, Browser.form());

        assertEquals(303, recovery.statusCode(), recovery::body);
        List<SessionEnded> events = ended.all();
        events = events.subList(before, events.size());
        assertEquals(1, events.size(), events::toString);
        SessionEnded event = events.get(0);
        assertEquals(EndReason.NOT_FOUND, event.reason());
        assertEquals(ConsentApp.contextPath(base) + "/" + path, event.requestPath());
        assertTrue(event.sessionIdHash().matches("[0-9a-f]{12}"), event.sessionIdHash());
        assertNotEquals(staleSessionId, event.sessionIdHash());
        assertFalse(staleSessionId.contains(event.sessionIdHash()), "a hash, not the id");
    }
}
