package io.staleguard.it.container;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import io.staleguard.it.sso.RawHttp;
import io.staleguard.it.support.Server;
import io.staleguard.it.support.ServerLog;
import io.staleguard.it.support.TestApps;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.function.Executable;

/**
 * Hardening item 17: requests a container used to answer with 500 before any filter ran (WildFly: {@code UT000173},
 * {@code UT000010}), so no filter could heal them. The same checks run on every server: {@code ContainerRefusalIT}
 * (WildFly, Payara) and {@code ContainerRefusalTomcatIT}. The application is {@link SessionPages} with the
 * staleguard-filter jar in {@code WEB-INF/lib}, as users deploy it; nothing else is configured.
 */
public final class ContainerRefusals {

    /** Rounds of the invalidation race, and the calls that share a session in each. */
    private static final int ROUNDS = 300;
    private static final int PARALLEL = 12;
    /** Which call of a round is the logout. */
    private static final int LOGOUT = PARALLEL / 2;
    /** Where Payara's {@code NullPointerException} from {@code invalidate()} comes from (docs/security.md, item 17). */
    private static final String PAYARA_TRACKER_EVENT = "org.apache.catalina.connector.SessionTracker.sessionEvent(";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ContainerRefusals() {
    }

    public static WebArchive app(String name) {
        return TestApps.war(name).addClass(SessionPages.class);
    }

    /**
     * A cookie whose value holds raw UTF-8 bytes (another application's, same domain), alone, before or after the
     * session cookie, unquoted or quoted → 200 with the session still read; nothing about it in the server log. On
     * Payara: 400, from its HTTP parser.
     */
    public static void rawNonAsciiCookie(URL base) throws Exception {
        String session = login(base);
        ServerLog log = ServerLog.mark(base);
        String zurich = "city=Z\u00fcrich";
        RawHttp.Response alone = work(base, zurich);
        RawHttp.Response after = work(base, "JSESSIONID=" + session + "; " + zurich);
        RawHttp.Response before = work(base, zurich + "; JSESSIONID=" + session);
        RawHttp.Response quoted = work(base, "JSESSIONID=" + session + "; name=\"J\u00f6rg\"");
        String logged = log.since();
        if (Server.current().name().equals("Payara")) {
            // Payara's HTTP parser (Grizzly) refuses any header value with a byte above 0x7F: 400 before any
            // application code runs, for as long as the browser sends the cookie. Nothing in a deployment can change
            // that (docs/security.md, item 17); this records it, and that it is no 500.
            assertAll(List.of(alone, after, before, quoted).stream()
                    .<Executable>map(r -> () -> assertEquals(400, r.status(), r::toString)));
            return;
        }
        assertAll(
                () -> assertEquals(200, alone.status(), alone::toString),
                () -> assertTrue(alone.body().endsWith("/work user=null\n"), alone::toString),
                () -> assertEquals(200, after.status(), after::toString),
                () -> assertTrue(after.body().endsWith("/work user=alice\n"), after::toString),
                () -> assertEquals(200, before.status(), before::toString),
                () -> assertTrue(before.body().endsWith("/work user=alice\n"), before::toString),
                () -> assertEquals(200, quoted.status(), quoted::toString),
                () -> assertTrue(quoted.body().endsWith("/work user=alice\n"), quoted::toString),
                () -> assertTrue(!logged.contains("UT000173"), logged));
    }

    /**
     * {@value #ROUNDS} rounds of {@value #PARALLEL} parallel calls sharing a session, one of which invalidates it →
     * every call 200, and no "Session is invalid" in the server log. On Payara the logout call itself may get a 500:
     * the application's own {@code invalidate()} ends the session and then throws Payara's session-tracker
     * {@code NullPointerException} (docs/security.md, item 17); that is accepted for the logout call only, and only as
     * often as Payara logged it.
     */
    public static void invalidationRace(URL base) throws Exception {
        ServerLog log = ServerLog.mark(base);
        Map<Integer, Integer> work = new TreeMap<>();
        Map<Integer, Integer> logout = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String session = login(base);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                String page = i == LOGOUT ? "logout" : "work";
                calls.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(base + page))
                        .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < PARALLEL; i++) {
                (i == LOGOUT ? logout : work).merge(calls.get(i).get().statusCode(), 1, Integer::sum);
            }
        }
        int refusedLogouts = logout.getOrDefault(500, 0);
        String logged = logAfter(log, refusedLogouts);
        long trackerRace = trackerFailures(logged);
        long invalid = logged.lines().filter(l -> l.contains("UT000010") || l.contains("Session is invalid")).count();
        System.out.println("item 17 (b) on " + Server.current().name() + ": work " + work + ", logout " + logout
                + ", \"Session is invalid\" lines " + invalid + ", Payara session-tracker failures " + trackerRace);
        boolean payara = Server.current().name().equals("Payara");
        assertAll(
                () -> assertEquals(Map.of(200, ROUNDS * (PARALLEL - 1)), work, "statuses of the reading calls"),
                () -> assertEquals(ROUNDS, logout.getOrDefault(200, 0) + (payara ? refusedLogouts : 0),
                        "statuses of the logout calls: " + logout),
                () -> assertEquals(payara ? refusedLogouts : 0, trackerRace,
                        "a logout 500 only where Payara's session tracker threw: " + logout),
                () -> assertEquals(0, invalid, logged));
    }

    /** The log since {@code log}'s mark, once it shows {@code trackerFailures} (Payara writes it from a queue). */
    private static String logAfter(ServerLog log, int trackerFailures) throws Exception {
        String logged = log.since();
        for (int wait = 0; wait < 50 && trackerFailures(logged) < trackerFailures; wait++) {
            Thread.sleep(100);
            logged = log.since();
        }
        return logged;
    }

    private static long trackerFailures(String logged) {
        return logged.lines().filter(l -> l.contains("at " + PAYARA_TRACKER_EVENT)).count();
    }

    private static String login(URL base) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
        return setCookie.substring("JSESSIONID=".length(), setCookie.indexOf(';'));
    }

    /** A page load of {@code /work} with {@code Cookie: cookie}, whose characters go out as UTF-8 bytes. */
    private static RawHttp.Response work(URL base, String cookie) throws IOException {
        return RawHttp.get("127.0.0.1", base, "work", "Cookie", cookie);
    }
}
