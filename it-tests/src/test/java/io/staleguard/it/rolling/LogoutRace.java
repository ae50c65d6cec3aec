package io.staleguard.it.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.SetCookie;

/**
 * Incident 2 over HTTP, as a page does it: sign in; the page fires {@link #REQUESTS} slow API calls
 * ({@link SlowServlet}, {@value SlowServlet#PAUSE_MILLIS} ms each), {@value #STAGGER_MILLIS} ms apart, all with the
 * same cookie jar; between two of them, at a random point, the user signs out; when the first call answers, the page
 * fires {@value #FOLLOW_UPS} more; every response is awaited. Repeated for {@link #ROUNDS} rounds, each with a fresh
 * browser and session.
 * <p>
 * What happens in a round is the incident's chain. The logout deletes the record and its answer empties the jar, so
 * the next calls go out without a cookie. Then the calls that were in flight answer: each rolled the session before
 * the delete, so each hands the browser a refreshed cookie with the old id (R2 writes it when the touch succeeds,
 * before the application runs; the browser applies responses in the order they arrive). The calls sent after that
 * (the follow-ups at least) carry the old id again, and reach the server after the delete: with a naive store they
 * bring the session back; with Staleguard's they find it gone and get no cookie (R3).
 * <p>
 * Checked in every round, for any store (the filter's header handling does not depend on the store):
 * <ul>
 * <li>the logout response (raw headers): its last {@code SID} header is the one exact expiry, on the context path,
 * and it carries {@code Cache-Control: private, no-cache, no-store, must-revalidate} (R5);</li>
 * <li>every response that sets a live {@code SID} (sign-in, rolled calls): the same Cache-Control, {@code Vary:
 * Cookie}, the session's own id, and a lifetime of at most {@code max-cookie-age} (R5, R6), although the application
 * asks for a day and for {@code public} caching;</li>
 * <li>no API call ever answers with an expiring {@code SID} (R3: GONE never expires the cookie).</li>
 * </ul>
 * Counted, because they are what a naive store gets wrong; the caller asserts them:
 * <ul>
 * <li><b>revived</b>: rounds where the store still holds the session's row once every response is in;</li>
 * <li><b>late refreshes</b>: calls that carried the old id, entered the application after the logout's delete had
 * committed (server clock, {@link Arrivals}) and still got a live {@code SID} (R3);</li>
 * <li><b>signed in with the old cookie</b>: rounds where, afterwards, a request carrying the old cookie value reached
 * the account page instead of being recovered as signed out (B2: 401 problem document, cookie expired).</li>
 * </ul>
 * Measured: <b>dead cookie back in the jar</b>, rounds where the jar holds the old id once every response is in. It
 * names no session; with {@code guarded}, the round shows that it is harmless and heals: the store has no row for it,
 * a request with it is signed out, and the next page load on an interaction path gets a 303 that expires it.
 */
public final class LogoutRace {

    static final int ROUNDS = Integer.getInteger("staleguard.it.race-rounds", 20);
    static final int REQUESTS = Integer.getInteger("staleguard.it.race-requests", 10);
    static final int FOLLOW_UPS = 2;
    static final long STAGGER_MILLIS = 10;

    static final String NO_CACHE = "private, no-cache, no-store, must-revalidate";

    /** Clock tolerance for Expires dates, which have whole seconds. */
    private static final long EXPIRES_SLACK_SECONDS = 5;

    /** Reads the store's table directly. */
    @FunctionalInterface
    public interface Rows {
        int of(String sessionId) throws Exception;
    }

    /** What a run measured. */
    public record Outcome(String name, int rounds, int revived, int lateRefreshes, int signedInWithOldCookie, int touched,
            int gone, int withoutCookie, int afterDelete, int deadCookieBack, int logoutAlsoRefreshed, long millis) {

        public String summary() {
            return String.format(Locale.ROOT, "incident 2 over HTTP, %-25s revived %d/%d, late refreshes %d, "
                    + "signed in with the old cookie %d/%d | calls: rolled %d, found gone %d, without cookie %d, with "
                    + "the cookie after the delete %d | dead cookie back in the jar %d/%d | logout responses that also "
                    + "carried the refresh %d/%d | %.1f s", name + ":", revived, rounds, lateRefreshes,
                    signedInWithOldCookie, rounds, touched, gone, withoutCookie, afterDelete, deadCookieBack, rounds,
                    logoutAlsoRefreshed, rounds, millis / 1e3);
        }
    }

    /** A client without a jar, for requests that carry exactly the cookie they are given. */
    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String name;
    private final URL base;
    private final String contextPath;
    private final Rows rows;
    private final boolean guarded;

    private int revived;
    private int lateRefreshes;
    private int signedInWithOldCookie;
    private int touched;
    private int gone;
    private int withoutCookie;
    private int afterDelete;
    private int deadCookieBack;
    private int logoutAlsoRefreshed;

    /**
     * @param guarded whether the store is Staleguard's own: then every round also checks that the old cookie is
     *        recovered as signed out and that a dead cookie in the jar heals on the next page load
     */
    private LogoutRace(String name, URL base, Rows rows, boolean guarded) {
        this.name = name;
        this.base = base;
        String path = base.getPath();
        this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.rows = rows;
        this.guarded = guarded;
    }

    public static Outcome run(String name, URL base, Rows rows, boolean guarded) throws Exception {
        LogoutRace race = new LogoutRace(name, base, rows, guarded);
        long start = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            race.round(round);
        }
        Outcome outcome = new Outcome(name, ROUNDS, race.revived, race.lateRefreshes, race.signedInWithOldCookie,
                race.touched, race.gone, race.withoutCookie, race.afterDelete, race.deadCookieBack,
                race.logoutAlsoRefreshed, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        System.out.println(outcome.summary());
        return outcome;
    }

    private void round(int round) throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.fetch("POST", at("login"), Browser.form());
        assertEquals(200, login.statusCode(), login::body);
        String id = browser.cookie(SessionCookie.NAME);
        assertLiveCookieHeaders(login, id, "sign-in");

        // At least two calls before the logout and two after it.
        int logoutAfter = 2 + ThreadLocalRandom.current().nextInt(REQUESTS - 3);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        CompletableFuture<HttpResponse<String>> logoutCall = null;
        for (int i = 0; i < REQUESTS; i++) {
            if (i == logoutAfter) {
                logoutCall = browser.fetchAsync("POST", at("logout"));
                Thread.sleep(STAGGER_MILLIS);
            }
            calls.add(browser.fetchAsync("GET", at("api/slow")));
            Thread.sleep(STAGGER_MILLIS);
        }
        // The page reacts to its first answer with more calls, with whatever the jar now holds.
        calls.get(0).get(30, TimeUnit.SECONDS);
        for (int i = 0; i < FOLLOW_UPS; i++) {
            calls.add(browser.fetchAsync("GET", at("api/slow")));
            Thread.sleep(STAGGER_MILLIS);
        }
        HttpResponse<String> logout = logoutCall.get(30, TimeUnit.SECONDS);
        long deletedAt = assertLogout(logout, round);
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            checkCall(call.get(30, TimeUnit.SECONDS), id, deletedAt, round);
        }

        // Every response is in: nothing in flight can change the store any more.
        if (rows.of(id) > 0) {
            revived++;
        }
        List<HttpCookie> jar = browser.cookies(SessionCookie.NAME);
        for (HttpCookie c : jar) {
            assertEquals(id, c.getValue(), () -> "round " + round + ": the jar holds another session: " + jar);
        }
        if (!jar.isEmpty()) {
            deadCookieBack++;
        }
        HttpResponse<String> old = PLAIN.send(HttpRequest.newBuilder(at("account/me"))
                .header("Accept", "application/json").header("Cookie", SessionCookie.NAME + "=" + id).build(),
                HttpResponse.BodyHandlers.ofString());
        if (old.statusCode() == 200) {
            signedInWithOldCookie++;
        } else if (guarded) {
            // B2 + B4: the old cookie is a signed-out session: a problem document, and the cookie expired (B3).
            assertEquals(401, old.statusCode(), () -> "round " + round + ": " + old.body());
            assertTrue(old.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    () -> old.headers().map().toString());
            assertTrue(old.body().contains("\"NOT_FOUND\""), old::body);
            SetCookie.assertExpiredOnce(old, SessionCookie.NAME, contextPath);
        }
        if (guarded && !jar.isEmpty()) {
            // The dead cookie heals on the next page load on an interaction path (B2, B3, B4).
            HttpResponse<String> page = browser.get(at("account/me"));
            assertEquals(303, page.statusCode(), () -> "round " + round + ": " + browser.history());
            SetCookie.assertExpiredOnce(page, SessionCookie.NAME, contextPath);
            assertEquals(List.of(), browser.cookies(SessionCookie.NAME), browser.jar());
        }
    }

    /** @return when the logout's delete had committed, on the server's clock */
    private long assertLogout(HttpResponse<String> logout, int round) {
        assertEquals(200, logout.statusCode(), () -> "round " + round + ": logout answered " + logout.body());
        List<SetCookie> sids = sessionCookies(logout);
        assertFalse(sids.isEmpty(), () -> "round " + round + ": the logout response does not expire "
                + SessionCookie.NAME + ": " + logout.headers().allValues("Set-Cookie"));
        // The browser applies Set-Cookie headers in order: the last one decides, and it must be the exact expiry.
        SetCookie last = sids.get(sids.size() - 1);
        last.assertExactExpiry();
        assertEquals(contextPath, last.path(), last::raw);
        assertEquals(1, sids.stream().filter(SetCookie::deletes).count(), sids::toString);
        if (sids.size() > 1) {
            // The logout request rolled the session too, before the application signed out (R2): the refresh comes
            // first, and the expiry after it wins.
            logoutAlsoRefreshed++;
        }
        assertEquals(NO_CACHE, cacheControl(logout), () -> logout.headers().map().toString());
        return Long.parseLong(logout.headers().firstValue(LogoutServlet.DELETED).orElseThrow());
    }

    private void checkCall(HttpResponse<String> call, String id, long deletedAt, int round) {
        assertEquals(200, call.statusCode(), () -> "round " + round + ": " + call.body());
        List<SetCookie> sids = sessionCookies(call);
        // R3: a call that found the session gone answers with no cookie at all, never with an expiring one.
        assertTrue(sids.stream().noneMatch(SetCookie::deletes), () -> "round " + round + ": " + sids);
        if (!Boolean.parseBoolean(call.headers().firstValue(SlowServlet.CARRIED).orElseThrow())) {
            // Sent while the jar held no session cookie: between the logout's answer and the next rolled one.
            withoutCookie++;
            assertEquals(List.of(), sids);
            return;
        }
        long arrived = Long.parseLong(call.headers().firstValue(Arrivals.ARRIVED).orElseThrow());
        if (arrived > deletedAt) {
            afterDelete++;
        }
        if (sids.isEmpty()) {
            gone++;
            return;
        }
        touched++;
        assertLiveCookieHeaders(call, id, "round " + round + " API call");
        if (arrived > deletedAt) {
            lateRefreshes++;
        }
    }

    /** R5, R6 on a response that sets the session cookie. */
    private static void assertLiveCookieHeaders(HttpResponse<String> response, String id, String what) {
        assertEquals(NO_CACHE, cacheControl(response), () -> what + ": " + response.headers().map());
        assertTrue(response.headers().allValues("Vary").stream()
                .anyMatch(v -> List.of(v.split("\\s*,\\s*")).contains("Cookie")), () -> what + ": "
                        + response.headers().map());
        long cap = RollingApp.MAX_COOKIE_AGE.toSeconds();
        for (SetCookie c : sessionCookies(response)) {
            assertEquals(id, c.value(), c::raw);
            Long maxAge = c.maxAge();
            assertNotNull(maxAge, c::raw);
            assertTrue(maxAge > 0 && maxAge <= cap, () -> what + ": lifetime beyond max-cookie-age: " + c.raw());
            ZonedDateTime expires = c.expires();
            ZonedDateTime latest = ZonedDateTime.now().plusSeconds(cap + EXPIRES_SLACK_SECONDS);
            assertTrue(expires == null || !expires.isAfter(latest), () -> what + ": Expires beyond max-cookie-age: "
                    + c.raw());
        }
    }

    /**
     * What every real store must show after {@link #run}: nothing revived, no refresh after the logout, the old cookie
     * signed out; the logout landed among the calls (some rolled, some found the session gone); and E1: one
     * {@code LOGGED_OUT} per logout although many requests were in flight, one {@code NOT_FOUND} per recovery.
     */
    static void assertGuarded(Outcome outcome, URL base) throws Exception {
        assertGuarded(outcome, List.of(base));
    }

    /**
     * {@link #assertGuarded(Outcome, URL)} for an application that several nodes serve: each node fires the events of
     * the requests it served, so the events counted are those of every node in {@code nodes} together.
     */
    public static void assertGuarded(Outcome outcome, List<URL> nodes) throws Exception {
        assertEquals(0, outcome.revived(), () -> "R2: sessions revived by calls in flight: " + outcome.summary());
        assertEquals(0, outcome.lateRefreshes(), () -> "R3: refreshed cookies for calls after the logout: "
                + outcome.summary());
        assertEquals(0, outcome.signedInWithOldCookie(), () -> "the old cookie still signs in: " + outcome.summary());
        assertTrue(outcome.touched() > 0 && outcome.afterDelete() > 0 && outcome.gone() > 0,
                () -> "the logout must land among the calls, and calls with the old cookie must follow it: "
                        + outcome.summary());
        List<String> reasons = new ArrayList<>();
        for (URL node : nodes) {
            AppEvents.of(node).forEach(e -> reasons.add(e.reason()));
        }
        assertEquals(outcome.rounds(), reasons.stream().filter("LOGGED_OUT"::equals).count(), reasons::toString);
        assertEquals(outcome.rounds() + outcome.deadCookieBack(), reasons.stream().filter("NOT_FOUND"::equals).count(),
                reasons::toString);
        assertEquals(reasons.size(), 2L * outcome.rounds() + outcome.deadCookieBack(), reasons::toString);
    }

    /**
     * What a naive store must show after {@link #run}, or the race would be invisible to this test: sessions revived,
     * and signed in again with the cookie the logout had expired.
     */
    public static void assertRevivals(Outcome outcome) {
        assertTrue(outcome.revived() > 0, () -> "the test must see the foil revive sessions: " + outcome.summary());
        assertTrue(outcome.signedInWithOldCookie() > 0, () -> "a revived session must sign the old cookie in again: "
                + outcome.summary());
    }

    private static List<SetCookie> sessionCookies(HttpResponse<?> response) {
        return SetCookie.all(response).stream().filter(c -> c.name().equals(SessionCookie.NAME)).toList();
    }

    private static String cacheControl(HttpResponse<?> response) {
        return String.join(", ", response.headers().allValues("Cache-Control"));
    }

    private URI at(String path) {
        return URI.create(base + path);
    }
}
