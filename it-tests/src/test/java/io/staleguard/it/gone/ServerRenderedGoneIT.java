package io.staleguard.it.gone;

import static io.staleguard.it.support.SetCookie.assertExpiredOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.TestApps;
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
 * Incident 4's other half on a real server: when a session really is gone, a server-rendered application (no script
 * that could react to a "signed out" signal) must get the dead cookie expired and one {@code SessionEnded} in the
 * response that found it, or every following page load finds the same dead cookie again. Drop-in registration, rolling
 * on, sessions in {@code store=memory}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("T3: a session really gone, on server-rendered pages (WildFly)")
class ServerRenderedGoneIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApps.war("gone.war")
                .addClasses(SessionPages.class, SessionPages.SignIn.class, SessionPages.Page.class,
                        SessionPages.Settings.class, SessionPages.Revoke.class)
                .setWebXML(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                            <context-param><param-name>staleguard.store</param-name><param-value>memory</param-value></context-param>
                            <context-param><param-name>staleguard.rolling</param-name><param-value>true</param-value></context-param>
                            <context-param><param-name>staleguard.rolling-exclude</param-name><param-value>/revoke</param-value></context-param>
                            <context-param><param-name>staleguard.session-cookie</param-name><param-value>SID</param-value></context-param>
                            <context-param><param-name>staleguard.interaction-paths</param-name><param-value>/account/*</param-value></context-param>
                        </web-app>
                        """));
    }

    @Test
    @DisplayName("T3 B1 B3 E1: the page finds the session gone → that response expires SID and fires one event; "
            + "the next page load carries no SID and is served; then the same on an interaction page (B2)")
    void goneMeansCleanedUpInTheSameResponse(@ArquillianResource URL base) throws Exception {
        String context = base.getPath().substring(0, base.getPath().length() - 1);
        URI page = URI.create(base + "page");
        URI settings = URI.create(base + "account/settings");
        Browser browser = new Browser();

        signInThenRevoke(browser, base, page);
        HttpResponse<String> gone = browser.get(page);
        assertEquals(303, gone.statusCode(), gone::body);
        assertEquals(page.getPath(), gone.headers().firstValue("Location").orElse(null));
        assertExpiredOnce(gone, "SID", context);
        assertEquals(List.of(), browser.cookies("SID"), browser.jar());
        List<AppEvents.Ended> events = AppEvents.of(base);
        assertEquals(1, events.size(), events::toString);
        assertEquals("NOT_FOUND", events.get(0).reason());

        HttpResponse<String> next = browser.follow(gone);
        assertEquals(200, next.statusCode());
        assertTrue(next.body().contains(">signed out<"), next::body);
        assertEquals(1, AppEvents.of(base).size(), "no loop: nothing more to clean up");

        // The same found by detection before the page runs (interaction-paths), for another user (in this browser, a
        // second recovery within retry-window would get the loop guard's page instead of a redirect, B6).
        Browser other = new Browser();
        signInThenRevoke(other, base, page);
        HttpResponse<String> detected = other.get(settings);
        assertEquals(303, detected.statusCode(), detected::body);
        assertExpiredOnce(detected, "SID", context);
        HttpResponse<String> after = other.follow(detected);
        assertEquals(200, after.statusCode());
        assertTrue(after.body().contains(">settings (signed out)<"), after::body);
        assertEquals(List.of("NOT_FOUND", "NOT_FOUND"), AppEvents.of(base).stream().map(AppEvents.Ended::reason).toList());
    }

    private static void signInThenRevoke(Browser browser, URL base, URI page) throws Exception {
        assertEquals(200, browser.get(URI.create(base + "signin")).statusCode());
        assertNotNull(browser.cookie("SID"), browser.jar());
        HttpResponse<String> welcome = browser.get(page);
        assertTrue(welcome.body().contains(">welcome<"), welcome::body);
        assertEquals(204, browser.get(URI.create(base + "revoke")).statusCode());
        assertNotNull(browser.cookie("SID"), "the browser still holds the dead session's cookie");
    }
}
