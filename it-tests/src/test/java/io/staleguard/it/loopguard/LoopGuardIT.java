package io.staleguard.it.loopguard;

import static io.staleguard.it.support.SetCookie.assertExpiredOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.consent.ConsentApp.Registration;
import io.staleguard.it.consent.SignIn;
import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.Server;
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
 * B6 on a real server: a stale cookie that Staleguard cannot clear must cost the user one automatic restart, then an
 * explanation, never a redirect loop.
 * <p>
 * The un-clearable cookie. The issue suggests one set with a Domain the configuration does not know; with the JDK's
 * {@code CookieManager} that does not give a faithful test. The server answers on 127.0.0.1, and {@code CookieManager}
 * files host-only cookies under the request host as their domain, so a {@code Domain=127.0.0.1} cookie replaces the
 * host-only one instead of living beside it, and a host-only expiry deletes it. {@code Domain=localhost} is refused by
 * the browser-like policy the tests use and kept only under {@code ACCEPT_ALL}, a leniency browsers disagree on. A Path the configuration
 * does not list behaves the same in every browser and in {@code CookieManager}: release 1 of the provider writes its
 * interaction cookies with {@code Path=/loopguard/interaction/} (trailing slash); release 2, like Staleguard's
 * configuration, uses {@code Path=/loopguard/interaction}. These are two different cookies; the release-1 one is never
 * expired by Staleguard (other path) nor overwritten by release 2 (other path), and, with the more specific path, it is
 * sent first, so the application keeps reading the dead interaction id: the same trap as an old
 * {@code Domain=.example.com} cookie next to a new host-only one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("B6: loop guard")
class LoopGuardIT {

    private static final String WAR = "loopguard.war";

    /** Release 1: interaction cookies on {@code /loopguard/interaction/}. */
    @Deployment(testable = false)
    static WebArchive release1() {
        return ConsentApp.war(WAR, Registration.WEB_XML, "/interaction/");
    }

    @Test
    @DisplayName("B6 B3 E1: a cookie on a Path the config does not list survives the recovery → exactly one automatic "
            + "restart, then the explanatory 400 page and one SG0003 WARN naming it; trying again gives the page again, "
            + "no loop")
    void oneRestartThenTheExplanation(@ArquillianResource URL base) throws Exception {
        String context = ConsentApp.contextPath(base);
        URI authorize = ConsentApp.authorize(base, "loop");
        Browser browser = new Browser();
        HttpResponse<String> consent = SignIn.toConsent(browser, base, "loop", "alice");
        assertEquals(List.of(context + "/interaction/"), paths(browser.cookies("_interaction")));

        Server.current().reprovision(ConsentApp.war(WAR, Registration.WEB_XML));
        ServerLog log = ServerLog.mark(base);
        int before = browser.history().size();

        HttpResponse<String> recovery = SignIn.allow(browser, consent);
        assertEquals(303, recovery.statusCode(), recovery::body);
        assertEquals(authorize.getRawPath() + "?" + authorize.getRawQuery(),
                recovery.headers().firstValue("Location").orElse(null));
        HttpResponse<String> end = browser.follow(recovery);

        // One automatic restart: confirm → 303, /authorize → 303 (fresh interaction), its page → 400. Nothing more.
        List<Integer> seen = browser.statuses().subList(before, browser.statuses().size());
        assertEquals(List.of(303, 303, 400), seen, browser.history()::toString);
        assertEquals(authorize, browser.history().get(before + 1).uri());
        assertTrue(end.body().contains("clear this site's cookies"), end::body);
        assertTrue(end.body().contains("href=\"" + authorize.getRawPath() + "?"
                + authorize.getRawQuery().replace("&", "&amp;") + "\""), end::body);
        assertEquals("no-store", end.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(end.headers().firstValue("Location").isEmpty(), "no further redirect");
        // The guarded response still cleans up what it can. The session the restart opened was live, so invalidating
        // it also makes Undertow add its own expiry of JSESSIONID (value: the old id, Netscape Expires, no Max-Age),
        // which survives response.reset(): Staleguard's exact expiry must be there once, and every other JSESSIONID
        // header must be a deletion too.
        assertExpiredOnce(end, "JSESSIONID", context);
        assertExpiredOnce(end, "_interaction", context + "/interaction");
        // Why it could not help: the release-1 cookie is still in the jar, on the path nobody configured.
        assertEquals(List.of(context + "/interaction/"), paths(browser.cookies("_interaction")), browser.jar());

        List<String> warnings = log.recordsWith("SG0003");
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains("WARN") && warnings.get(0).contains("_interaction"), warnings.get(0));
        assertEquals(List.of("NOT_FOUND", "NOT_FOUND"), AppEvents.of(base).stream().map(AppEvents.Ended::reason).toList());

        // The page's "Try again" link, within the retry window: the same explanation, still no loop.
        int retry = browser.history().size();
        HttpResponse<String> again = browser.open(authorize);
        assertEquals(400, again.statusCode());
        assertEquals(List.of(303, 400), browser.statuses().subList(retry, browser.statuses().size()));
    }

    private static List<String> paths(List<HttpCookie> cookies) {
        return cookies.stream().map(HttpCookie::getPath).toList();
    }
}
