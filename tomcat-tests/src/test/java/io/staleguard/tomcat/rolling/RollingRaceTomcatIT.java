package io.staleguard.tomcat.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.staleguard.it.consent.ConsentApp.Registration;
import io.staleguard.it.support.SetCookie;
import io.staleguard.tomcat.NoCdi;
import io.staleguard.tomcat.TomcatServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Incident 2, a rolling session revived by a concurrent logout, over real HTTP on a plain servlet container (embedded
 * Tomcat, no CDI). Each round signs in, sends {@value #IN_FLIGHT} concurrent script calls carrying the session cookie
 * with a {@code Staleguard.logout} among them, and then {@value #LATE} more calls carrying the same cookie (requests a
 * browser had queued, or another tab's). When every response is in, the logout has committed: a record still in the
 * store is a revival, and a call sent after the logout answered that still gets a live session cookie is a late
 * refresh. Both must be zero, for the in-memory and the JDBC (H2) store and for every registration. The same rounds
 * against {@link UpsertFoilStore} (the original bug) must see both, which shows the test can fail.
 * <p>
 * The client keeps no cookie jar: every call carries the cookie it was sent with, as requests already in flight do.
 */
@DisplayName("Incident 2 on Tomcat without CDI: rolling sessions racing a logout")
class RollingRaceTomcatIT {

    private static final int ROUNDS = 10;
    private static final int IN_FLIGHT = 12;
    private static final int LATE = 4;
    /** Private to this JVM; the name says whose it is anyway. */
    private static final String H2 = "jdbc:h2:mem:wt_payara_tomcat_rolling;DB_CLOSE_DELAY=-1";

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What a run of rounds saw. */
    record Outcome(int revived, int lateRefreshes, int lateCookies, int touched, int gone) {
    }

    @BeforeAll
    static void start() throws Exception {
        TomcatServer.start();
        try (Connection c = DriverManager.getConnection(H2); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS staleguard_session (id VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, absolute_expires_at BIGINT NOT NULL)");
        }
    }

    static Stream<Arguments> setups() {
        return Stream.of(Registration.WEB_XML, Registration.PROGRAMMATIC, Registration.DROP_IN)
                .flatMap(r -> Stream.of(Arguments.of(r, "memory"), Arguments.of(r, "h2")));
    }

    @ParameterizedTest(name = "R2 R3 R5 R6 S2, {0} registration, {1} store: no revival, no late refresh")
    @MethodSource("setups")
    void logoutIsFinal(Registration registration, String store) throws Exception {
        String name = "rolling-" + registration.name().toLowerCase(Locale.ROOT).replace("_", "") + "-" + store + ".war";
        URL base = TomcatServer.deploy(RollingApp.war(name, registration, store.equals("h2") ? "h2:" + H2 : store));
        NoCdi.assertNoCdi(base);
        assertRolls(base);

        Outcome outcome = race(base, ROUNDS);
        System.out.println(name + ": " + outcome);

        assertEquals(0, outcome.revived(), () -> "sessions revived: " + outcome);
        assertEquals(0, outcome.lateRefreshes(), () -> "live cookies after the logout: " + outcome);
        assertEquals(0, outcome.lateCookies(), () -> "R3: a GONE answer carries no Set-Cookie at all: " + outcome);
        assertEquals(ROUNDS * IN_FLIGHT, outcome.touched() + outcome.gone(), outcome::toString);
        if (store.equals("h2")) {
            assertEquals(0, rows(), "records left in the table");
        }
    }

    @Test
    @DisplayName("The race detects the bug: the same rounds against an upsert store (incident 2's original touch) "
            + "revive every session and hand out live cookies after the logout")
    void upsertStoreIsCaught() throws Exception {
        URL base = TomcatServer.deploy(RollingApp.war("rolling-foil.war", Registration.DROP_IN, "upsert-foil"));

        Outcome outcome = race(base, ROUNDS);
        System.out.println("rolling-foil.war: " + outcome);

        assertEquals(ROUNDS, outcome.revived(), outcome::toString);
        assertEquals(ROUNDS * LATE, outcome.lateRefreshes(), outcome::toString);
    }

    /** R2, R5, R6 on the wire: a call with a live session gets the refreshed cookie, capped, never cached. */
    private static void assertRolls(URL base) throws Exception {
        String id = login(base);
        HttpResponse<String> rolled = data(base, id).join();
        assertEquals(200, rolled.statusCode());
        List<SetCookie> sid = SetCookie.all(rolled).stream().filter(c -> c.name().equals(RollingApp.COOKIE)).toList();
        assertEquals(1, sid.size(), () -> rolled.headers().allValues("Set-Cookie").toString());
        SetCookie c = sid.get(0);
        assertEquals(id, c.value(), c::raw);
        assertEquals(base.getPath().substring(0, base.getPath().length() - 1), c.path(), c::raw);
        long maxAge = Long.parseLong(c.attributes().get("max-age"));
        assertTrue(maxAge > 0 && maxAge <= 1800, "R6: no longer than the record (30 min): " + c.raw());
        assertTrue(c.attributes().containsKey("httponly"), c::raw);
        assertEquals("private, no-cache, no-store, must-revalidate",
                rolled.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(rolled.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Cookie")),
                () -> rolled.headers().map().toString());
        HttpResponse<String> logout = logout(base, id).join();
        assertEquals(204, logout.statusCode());
        assertLogoutWins(logout, c.path());
        assertEquals("gone", probe(base, id));
    }

    /**
     * The logout's own response: the rolling filter wrote the refreshed cookie before the application ran (R2), and
     * {@code Staleguard.logout} wrote the exact expiry after it, which is the one a browser keeps (RFC 6265 processes
     * {@code Set-Cookie} headers in order). Checked on the raw headers and with the JDK's cookie store.
     */
    private static void assertLogoutWins(HttpResponse<String> logout, String path) throws Exception {
        List<SetCookie> sid = SetCookie.all(logout).stream().filter(c -> c.name().equals(RollingApp.COOKIE)).toList();
        SetCookie last = sid.get(sid.size() - 1);
        assertEquals("", last.value(), last::raw);
        assertEquals("0", last.attributes().get("max-age"), last::raw);
        assertEquals(path, last.path(), last::raw);
        assertTrue(!last.attributes().containsKey("domain"), last::raw);
        assertTrue(sid.size() <= 2, () -> "at most the refresh and the expiry: " + sid);
        CookieManager browser = new CookieManager();
        browser.put(logout.uri(), logout.headers().map());
        assertEquals(List.of(), browser.getCookieStore().getCookies(), "the browser keeps no session cookie");
    }

    private static Outcome race(URL base, int rounds) throws Exception {
        int revived = 0;
        int lateRefreshes = 0;
        int lateCookies = 0;
        int touched = 0;
        int gone = 0;
        for (int round = 0; round < rounds; round++) {
            String id = login(base);
            int logoutAt = ThreadLocalRandom.current().nextInt(IN_FLIGHT + 1);
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            CompletableFuture<HttpResponse<String>> logout = null;
            for (int i = 0; i <= IN_FLIGHT; i++) {
                if (i == logoutAt) {
                    logout = logout(base, id);
                }
                if (i < IN_FLIGHT) {
                    inFlight.add(data(base, id));
                }
            }
            HttpResponse<String> loggedOut = logout.join();
            assertEquals(204, loggedOut.statusCode());
            assertLogoutWins(loggedOut, base.getPath().substring(0, base.getPath().length() - 1));
            List<CompletableFuture<HttpResponse<String>>> late = new ArrayList<>();
            for (int i = 0; i < LATE; i++) {
                late.add(data(base, id));
            }
            for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                HttpResponse<String> r = f.join();
                assertEquals(200, r.statusCode(), r::body);
                if (live(r)) {
                    touched++;
                } else {
                    gone++;
                }
            }
            for (CompletableFuture<HttpResponse<String>> f : late) {
                HttpResponse<String> r = f.join();
                assertEquals(200, r.statusCode(), r::body);
                lateRefreshes += live(r) ? 1 : 0;
                lateCookies += r.headers().allValues("Set-Cookie").stream()
                        .anyMatch(h -> h.startsWith(RollingApp.COOKIE + "=")) ? 1 : 0;
            }
            revived += probe(base, id).equals("live") ? 1 : 0;
        }
        return new Outcome(revived, lateRefreshes, lateCookies, touched, gone);
    }

    /** Whether the response gives the browser a session cookie that keeps it signed in. */
    private static boolean live(HttpResponse<?> response) {
        return SetCookie.all(response).stream().anyMatch(c -> c.name().equals(RollingApp.COOKIE) && !c.value().isEmpty()
                && !"0".equals(c.attributes().get("max-age")));
    }

    private static String login(URL base) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "login"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r::body);
        return SetCookie.all(r).stream().filter(c -> c.name().equals(RollingApp.COOKIE)).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + r.headers().map())).value();
    }

    private static CompletableFuture<HttpResponse<String>> data(URL base, String id) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/data")).header("Accept", "application/json")
                .header("Cookie", RollingApp.COOKIE + "=" + id).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> logout(URL base, String id) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(base + "logout")).header("Accept", "application/json")
                .header("Cookie", RollingApp.COOKIE + "=" + id).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String probe(URL base, String id) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "test/store?id=" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int rows() throws Exception {
        try (Connection c = DriverManager.getConnection(H2); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM staleguard_session")) {
            r.next();
            return r.getInt(1);
        }
    }
}
