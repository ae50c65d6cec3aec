package io.staleguard.it.committed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.ServerLog;
import io.staleguard.it.support.TestApps;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * B3's committed-response rule on a real container: once the status line and headers are on the wire nothing can be
 * reset or redirected, and trying ({@code response.reset()}) would throw {@code IllegalStateException} over the
 * application's own exception. The application is the jar alone (drop-in, default configuration).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("B3: stale session found after the response was committed")
class CommittedResponseIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApps.war("committed.war").addClasses(StartServlet.class, StreamingReportServlet.class);
    }

    @Test
    @DisplayName("B3 E1 E2: output flushed, then SessionNotFoundException → no IllegalStateException, exactly one "
            + "SG0002 WARN in server.log, one SessionEnded event, and the session id nowhere in the log")
    void committedResponse(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        assertEquals(200, browser.get(URI.create(base + "start")).statusCode());
        String sessionId = browser.cookie("JSESSIONID");
        ServerLog log = ServerLog.mark(base);

        HttpResponse<String> report = browser.get(URI.create(base + "report"));

        // What was committed stands: Staleguard did not try to turn it into a 303.
        assertEquals(200, report.statusCode());
        assertTrue(report.body().startsWith(StreamingReportServlet.FIRST_PART), report::body);
        assertTrue(report.headers().firstValue("Location").isEmpty());

        String logged = log.since();
        List<String> warnings = log.recordsWith("SG0002");
        assertEquals(1, warnings.size(), logged);
        assertTrue(warnings.get(0).contains("WARN") && warnings.get(0).contains("/committed/report"), warnings.get(0));
        assertFalse(logged.contains("IllegalStateException"), logged);
        // The original exception went on to the container, which logs it as usual.
        assertTrue(logged.contains("the session this report reads from is gone"), logged);

        List<AppEvents.Ended> events = AppEvents.of(base);
        assertEquals(1, events.size(), events::toString);
        assertEquals("NOT_FOUND", events.get(0).reason());
        assertEquals("/committed/report", events.get(0).requestPath());
        assertTrue(events.get(0).sessionIdHash().matches("[0-9a-f]{12}"), events.get(0).sessionIdHash());
        // E2: not the id, and the id is not in the log (WildFly's ids end in ".<route>"; check the random part too).
        String randomPart = sessionId.contains(".") ? sessionId.substring(0, sessionId.indexOf('.')) : sessionId;
        assertFalse(randomPart.contains(events.get(0).sessionIdHash()));
        assertFalse(logged.contains(randomPart), "session id in server.log");
    }
}
