package io.staleguard.it.sso;

import static io.staleguard.it.sso.IdentitySwitches.home;
import static io.staleguard.it.sso.IdentitySwitches.signedInAs;
import static io.staleguard.it.sso.SsoApp.ALICE;
import static io.staleguard.it.sso.SsoApp.BOB;
import static io.staleguard.it.sso.SsoApp.HEADER;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.staleguard.it.sso.SsoApp.Variant;
import io.staleguard.it.support.AppEvents;
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
import org.junit.jupiter.api.function.Executable;

/**
 * Incident 3, identity switch behind an SSO proxy, over HTTP on a real server. The proxy is the test client on
 * loopback: it puts the signed-in user's address in {@value SsoApp#HEADER} on every request. User A signs in; the proxy
 * starts vouching for user B while the browser still holds A's session cookie. Without Staleguard the application
 * keeps serving A; with it, A's session ends, A's cookies are expired, and the application signs B in. The header is
 * believed only from {@code trusted-proxies}, compared exactly, and a wildcard in it never signs anyone in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("Incident 3: identity switch behind an SSO proxy (WildFly)")
class IdentitySwitchIT {

    private static final String PLAIN = "sso-plain.war";
    private static final String GUARDED = "sso.war";
    private static final String LIKE = "sso-like.war";

    /** Not in {@code trusted-proxies=127.0.0.1/32}, but a loopback address, so the test can speak from it. */
    private static final String UNTRUSTED = "127.0.0.2";
    private static final String TRUSTED = IdentitySwitches.TRUSTED;

    /** Header values that are patterns in some query language, and must be nobody's address here (I2). */
    private static final List<String> WILDCARDS = List.of("%@%.%", "%", "%@example.com", "_ob@example.com",
            "b_b@example.com", "*", "*@example.com", "bob@example.co_", "bob@example.com%", ".*");

    @Deployment(name = PLAIN, testable = false)
    static WebArchive plain() {
        return SsoApp.war(PLAIN, Variant.PLAIN);
    }

    @Deployment(name = GUARDED, testable = false)
    static WebArchive guarded() {
        return SsoApp.war(GUARDED, Variant.STALEGUARD);
    }

    @Deployment(name = LIKE, testable = false)
    static WebArchive likeLookup() {
        return SsoApp.war(LIKE, Variant.STALEGUARD_LIKE_LOOKUP);
    }

    @Test
    @DisplayName("Without Staleguard (documents the bug): the proxy now vouches for B, the application still serves A, "
            + "and its session cookie leaves with three months")
    void withoutStaleguardTheOldUserStays(@ArquillianResource @OperateOnDeployment(PLAIN) URL base) throws Exception {
        Browser browser = new Browser().proxyHeader(HEADER, ALICE);
        HttpResponse<String> signIn = browser.open(home(base));
        assertEquals(ALICE, signedInAs(signIn), signIn::body);
        assertTrue(maxAges(signIn).contains((long) SsoApp.REMEMBER_SECONDS), () -> all(signIn));

        browser.proxyHeader(HEADER, BOB);
        HttpResponse<String> after = browser.open(home(base));
        assertEquals(200, after.statusCode(), browser.history()::toString);
        assertEquals(ALICE, signedInAs(after), "the application alone keeps serving the old user");
        assertEquals(List.of(), AppEvents.of(base));
    }

    @Test
    @DisplayName("I1 B3 B4 E1 E2: the proxy now vouches for B → 303 to the same URL, A's session ended "
            + "(IDENTITY_CHANGED), A's cookie expired; the application then serves B")
    void identitySwitchFlushesTheSession(@ArquillianResource @OperateOnDeployment(GUARDED) URL base) throws Exception {
        IdentitySwitches.pageLoadRestartsAsTheNewUser(base);
    }

    @Test
    @DisplayName("I1 B4: an API call after the switch → 401 problem+json, reason IDENTITY_CHANGED, Session-Restart; "
            + "following Session-Restart (what staleguard.js does) signs B in")
    void identitySwitchOnAnApiCall(@ArquillianResource @OperateOnDeployment(GUARDED) URL base) throws Exception {
        IdentitySwitches.apiCallGetsAProblemWithSessionRestart(base);
    }

    @Test
    @DisplayName("Issue 12 item 16: six parallel API calls still carrying A's session after the switch to B all get "
            + "the same 401; none is answered with B's data")
    void burstAfterTheSwitch(@ArquillianResource @OperateOnDeployment(GUARDED) URL base) throws Exception {
        Browser browser = new Browser().proxyHeader(HEADER, ALICE);
        assertEquals(ALICE, signedInAs(browser.open(home(base))));
        String aliceSession = browser.cookies("JSESSIONID").get(0).getValue();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            burst.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/docs?n=" + i))
                    .header("Accept", "application/json").header("Cookie", "JSESSIONID=" + aliceSession)
                    .header(HEADER, BOB).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : burst) {
            HttpResponse<String> r = call.get();
            assertEquals(401, r.statusCode(), r::body);
            assertTrue(r.body().contains("\"reason\":\"IDENTITY_CHANGED\""), r::body);
            assertFalse(r.body().contains(BOB), r::body);
        }
    }

    @Test
    @DisplayName("I3: the same request from 127.0.0.2 (not in trusted-proxies=127.0.0.1/32) changes nothing, with one "
            + "rate-limited SG0009 warning; from 127.0.0.1 it ends the session")
    void headerFromAnUntrustedAddressIsIgnored(@ArquillianResource @OperateOnDeployment(GUARDED) URL base)
            throws Exception {
        assertTrue(RawHttp.canBind(UNTRUSTED), "this test speaks from " + UNTRUSTED + ", a loopback address every "
                + "Linux machine has; this machine cannot bind it");
        Browser browser = new Browser().proxyHeader(HEADER, ALICE);
        assertEquals(ALICE, signedInAs(browser.open(home(base))));
        String session = browser.cookie("JSESSIONID");
        int eventsBefore = AppEvents.of(base).size();
        ServerLog log = ServerLog.mark(base);

        for (int i = 0; i < 3; i++) {
            RawHttp.Response r = RawHttp.get(UNTRUSTED, base, "home", "Cookie", "JSESSIONID=" + session, HEADER, BOB);
            assertEquals(200, r.status(), r::body);
            assertEquals(ALICE, signedInAs(r.body()), "a header from anywhere else is not believed");
            assertEquals(List.of(), r.all("Set-Cookie"), "nothing expired");
        }
        assertEquals(eventsBefore, AppEvents.of(base).size(), "no session ended");
        List<String> warnings = log.recordsWith("SG0009");
        assertEquals(1, warnings.size(), () -> "one warning a minute: " + warnings);
        assertTrue(warnings.get(0).contains(UNTRUSTED) && warnings.get(0).contains(HEADER), warnings.get(0));

        RawHttp.Response trusted = RawHttp.get(TRUSTED, base, "home", "Cookie", "JSESSIONID=" + session, HEADER, BOB);
        assertEquals(303, trusted.status(), trusted::body);
        assertTrue(trusted.all("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID=;")
                && c.contains("Max-Age=0")), () -> trusted.all("Set-Cookie").toString());
        assertEquals(eventsBefore + 1, AppEvents.of(base).size());
        assertEquals(1, log.recordsWith("SG0009").size(), "the trusted request is not warned about");
    }

    @Test
    @DisplayName("I2: wildcard header values (%@%.%, %, _ob@…, *, …) and a Unicode look-alike end B's session and "
            + "never sign anyone in; B in mixed case with surrounding spaces is still B")
    void wildcardsNeverSignAnyoneIn(@ArquillianResource @OperateOnDeployment(GUARDED) URL base) throws Exception {
        List<Executable> checks = new ArrayList<>();
        for (String wildcard : WILDCARDS) {
            Browser browser = new Browser().proxyHeader(HEADER, BOB);
            assertEquals(BOB, signedInAs(browser.open(home(base))));
            browser.proxyHeader(HEADER, wildcard);
            HttpResponse<String> flush = browser.get(home(base));
            HttpResponse<String> landed = browser.follow(flush);
            HttpResponse<String> fresh = new Browser().proxyHeader(HEADER, wildcard).open(home(base));
            checks.add(() -> assertEquals(303, flush.statusCode(), wildcard + " is not B: " + flush.body()));
            checks.add(() -> assertEquals(403, landed.statusCode(), wildcard + ": " + landed.body()));
            checks.add(() -> assertNull(signedInAs(landed), wildcard + " signed someone in: " + landed.body()));
            checks.add(() -> assertEquals(403, fresh.statusCode(), wildcard + ", no session: " + fresh.body()));
            checks.add(() -> assertNull(signedInAs(fresh), wildcard + " signed someone in: " + fresh.body()));
        }
        assertAll(checks);

        // A Unicode look-alike, sent as UTF-8 bytes the way a proxy would: "bоb" with a Cyrillic о.
        Browser browser = new Browser().proxyHeader(HEADER, BOB);
        assertEquals(BOB, signedInAs(browser.open(home(base))));
        String session = browser.cookie("JSESSIONID");
        String lookAlike = "b\u043Eb@example.com";
        RawHttp.Response flush = RawHttp.get(TRUSTED, base, "home", "Cookie", "JSESSIONID=" + session, HEADER,
                lookAlike);
        // Payara's HTTP parser (Grizzly) refuses a header value with bytes above 0x7F: 400 before the application
        // runs, so nobody is signed in there either. WildFly passes the bytes on, and the look-alike is not B.
        boolean refusedByServer = Server.current().name().equals("Payara");
        assertEquals(refusedByServer ? 400 : 303, flush.status(), flush::body);
        RawHttp.Response landed = RawHttp.get(TRUSTED, base, "home", HEADER, lookAlike);
        assertEquals(refusedByServer ? 400 : 403, landed.status(), landed::body);
        assertNull(signedInAs(landed.body()), landed::body);

        // Case and surrounding spaces do not make B someone else (identity-ignore-case=true, the default).
        browser = new Browser().proxyHeader(HEADER, BOB);
        assertEquals(BOB, signedInAs(browser.open(home(base))));
        int events = AppEvents.of(base).size();
        RawHttp.Response same = RawHttp.get(TRUSTED, base, "home", "Cookie", "JSESSIONID="
                + browser.cookie("JSESSIONID"), HEADER, "  BOB@Example.COM  ");
        assertEquals(200, same.status(), same::body);
        assertEquals(BOB, signedInAs(same.body()));
        assertEquals(events, AppEvents.of(base).size(), "no session ended");
    }

    @Test
    @DisplayName("I2 foil: the same wildcards against an application that looks users up with ILIKE sign in an "
            + "existing user, so the check above can fail")
    void likeLookupFoil(@ArquillianResource @OperateOnDeployment(LIKE) URL base) throws Exception {
        HttpResponse<String> all = new Browser().proxyHeader(HEADER, "%@%.%").open(home(base));
        assertEquals(200, all.statusCode(), all::body);
        assertEquals(ALICE, signedInAs(all), "%@%.% matched every user; the first one was signed in");
        HttpResponse<String> one = new Browser().proxyHeader(HEADER, "_ob@example.com").open(home(base));
        assertEquals(BOB, signedInAs(one), one::body);
    }

    @Test
    @DisplayName("R6: with max-cookie-age=P7D and rolling off, the application's three-month session cookie leaves "
            + "with Max-Age=604800, and the response is not cacheable (R5)")
    void sessionCookieLifetimeIsCapped(@ArquillianResource @OperateOnDeployment(GUARDED) URL base) throws Exception {
        Browser browser = new Browser().proxyHeader(HEADER, ALICE);
        HttpResponse<String> signIn = browser.open(home(base));
        assertEquals(ALICE, signedInAs(signIn));
        List<Long> maxAges = maxAges(signIn);
        assertTrue(maxAges.contains((long) SsoApp.MAX_COOKIE_AGE_SECONDS), () -> all(signIn));
        assertTrue(maxAges.stream().allMatch(age -> age <= SsoApp.MAX_COOKIE_AGE_SECONDS), () -> all(signIn));
        assertTrue(browser.cookies("JSESSIONID").stream().allMatch(c -> c.getMaxAge() <= SsoApp.MAX_COOKIE_AGE_SECONDS),
                browser.jar());
        assertEquals("private, no-cache, no-store, must-revalidate",
                signIn.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(signIn.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Cookie")),
                () -> signIn.headers().map().toString());
    }

    @Test
    @DisplayName("I4: the filter jar serves staleguard.js (META-INF/resources) at <context>/staleguard/staleguard.js")
    void scriptIsServed(@ArquillianResource @OperateOnDeployment(GUARDED) URL base) throws Exception {
        HttpResponse<String> script = new Browser().fetch("GET", URI.create(base + "staleguard/staleguard.js"), null);
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"),
                () -> script.headers().map().toString());
        assertTrue(script.body().contains("Session-Restart") && script.body().contains("location.replace"),
                script::body);
    }

    /** The Max-Age of every JSESSIONID Set-Cookie that has one. */
    private static List<Long> maxAges(HttpResponse<String> response) {
        return SetCookie.all(response).stream()
                .filter(c -> c.name().equals("JSESSIONID") && c.attributes().containsKey("max-age"))
                .map(c -> Long.parseLong(c.attributes().get("max-age"))).toList();
    }

    private static String all(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").toString();
    }
}
