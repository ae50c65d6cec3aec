package io.staleguard.it.cdi.store;

import static io.staleguard.it.cdi.Answers.assertRestart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.staleguard.it.cdi.CdiApp;
import io.staleguard.it.cdi.SessionEvents;
import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.SetCookie;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * S3 on WildFly: the application produces its {@code SessionStore} as a CDI bean ({@link SessionStoreProducer}) and
 * configures nothing else about stores; both drop-in filters use that bean. Shown by what only that store knows: a
 * record the application deleted from it, and the expiry the rolling filter moves in it.
 * <p>
 * The application's sessions are its own, under its own {@code SID} cookie ({@code staleguard.session-cookie=SID}).
 * Records keyed by {@code HttpSession.getId()} with {@code JSESSIONID} as the session cookie would not work on
 * WildFly: the cookie's value carries the node's route ({@code <id>.<jboss.node.name>}), and the filters look records
 * up by the cookie's value.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("S3: a SessionStore CDI bean is the store the filters use (WildFly)")
class StoreBeanIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return CdiApp.withStaleguard(CdiApp.core("cdi-store.war"), true)
                .addClasses(SessionStoreProducer.class, AccountServlet.class, InteractionPageServlet.class)
                .setWebXML(new StringAsset(CdiApp.webXml("""
                            <context-param>
                                <param-name>staleguard.session-cookie</param-name>
                                <param-value>SID</param-value>
                            </context-param>
                            <context-param>
                                <param-name>staleguard.interaction-paths</param-name>
                                <param-value>/interaction/*</param-value>
                            </context-param>
                            <context-param>
                                <param-name>staleguard.rolling</param-name>
                                <param-value>true</param-value>
                            </context-param>
                        """)));
    }

    @Test
    @DisplayName("S3 B2 E1: the bean's record deleted → on an interaction path the session is gone: 303 before the "
            + "page runs, SID expired, one event")
    void detectionAsksTheBean(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        Browser browser = new Browser();
        assertEquals(200, browser.post(URI.create(base + "account/sign-in"), Browser.form()).statusCode());
        String sessionId = browser.cookie(AccountServlet.COOKIE);
        URI page = URI.create(base + "interaction/page");
        int calls = calls(browser.get(page));
        assertEquals(204, browser.post(URI.create(base + "account/forget"), Browser.form()).statusCode());
        SessionEvents events = SessionEvents.mark(base);

        HttpResponse<String> recovery = browser.get(page);

        // B5: a page load restarts at its own URL.
        assertRestart(recovery, page.getRawPath(), AccountServlet.COOKIE, context);
        events.assertOne(page.getRawPath(), sessionId);
        // The page itself did not run for the stale request: the next call is the very next one.
        assertEquals(calls + 1, calls(browser.follow(recovery)), browser.history()::toString);
    }

    @Test
    @DisplayName("S3 R2 R5: rolling=true with the bean: a request with the session cookie moves the record's expiry "
            + "from sign-in's one minute to now + inactivity (30 min) and refreshes the cookie, uncacheable")
    void rollingTouchesTheBeansRecord(@ArquillianResource URL base) throws Exception {
        Browser browser = new Browser();
        Instant signIn = Instant.now();
        assertEquals(200, browser.post(URI.create(base + "account/sign-in"), Browser.form()).statusCode());
        String sessionId = browser.cookie(AccountServlet.COOKIE);

        HttpResponse<String> record = browser.get(URI.create(base + "account/record"));

        assertEquals(200, record.statusCode(), record::body);
        Instant expiry = Instant.parse(record.body());
        assertTrue(expiry.isAfter(signIn.plus(AccountServlet.FIRST_LIFETIME).plus(Duration.ofMinutes(25))),
                "touched: " + expiry);
        List<SetCookie> refreshed = SetCookie.all(record).stream().filter(c -> c.name().equals(AccountServlet.COOKIE)).toList();
        assertEquals(1, refreshed.size(), record.headers().allValues("Set-Cookie")::toString);
        assertEquals(sessionId, refreshed.get(0).value());
        long maxAge = Long.parseLong(refreshed.get(0).attributes().get("max-age"));
        assertTrue(maxAge > 25 * 60 && maxAge <= 30 * 60, refreshed.get(0).raw());
        assertTrue(record.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
                () -> record.headers().map().toString());
        assertTrue(record.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Cookie")),
                () -> record.headers().map().toString());
    }

    private static int calls(HttpResponse<String> page) {
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.body().startsWith("calls: "), page::body);
        return Integer.parseInt(page.body().substring("calls: ".length()));
    }
}
