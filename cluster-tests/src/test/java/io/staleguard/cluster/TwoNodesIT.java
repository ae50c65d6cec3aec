package io.staleguard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.sql.Connection;
import java.sql.Statement;

import io.lettuce.core.api.sync.RedisCommands;
import io.staleguard.cluster.sso.SsoApp;
import io.staleguard.cluster.support.RedisClients;
import io.staleguard.cluster.support.RedisServers;
import io.staleguard.cluster.support.WildFlyNode;
import io.staleguard.it.rolling.LogoutRace;
import io.staleguard.it.rolling.PostgresSessions;
import io.staleguard.it.rolling.RollingApp;
import io.staleguard.it.rolling.RollingApp.Store;
import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.SetCookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two WildFly nodes behind nginx (round robin, no stickiness) sharing one PostgreSQL session store
 * ({@code JdbcSessionStore} through {@code store=jdbc:}), with the incident 2 application of the integration suite;
 * and the same application on a {@code RedisSessionStore} shared through a Redis server the test starts.
 * <p>
 * <b>Events across nodes.</b> Each node fires {@code SessionEnded} for the requests it serves, to its own listener;
 * the tests add up what every node's listener recorded ({@code /test/events} on each node directly, not through the
 * balancer). "One event across the cluster" is that sum.
 * <p>
 * <b>Clocks.</b> The race compares when a call entered the application with when the logout's delete committed, each
 * as {@link System#nanoTime()} of the node that served it. On Linux both JVMs read the same {@code CLOCK_MONOTONIC}, so
 * the instants of the two nodes on this machine are comparable.
 * <p>
 * The tests run in order: the node crash and restart comes last, and the key rotation restarts the nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Two WildFly nodes behind nginx, one PostgreSQL store, one Redis store")
class TwoNodesIT {

    /** The session table's schema: only this suite's (the database is shared with other test runs). */
    @RegisterExtension
    static final PostgresSessions POSTGRES = new PostgresSessions("wt_cluster_it_sessions");

    static final String APP = "cluster";
    static final String FOIL = "cluster-foil";
    static final String REDIS_APP = "cluster-redis";
    static final String SSO_APP = "cluster-sso";
    static final String SSO_FOIL = "cluster-sso-foil";
    static final String SSO_REDIS = "cluster-sso-redis";
    static final String SSO_REDIS_PREFIX = "wt-cluster-it-sso:";
    /** Rounds of the identity-switch burst, each on a fresh session. */
    static final int IDENTITY_ROUNDS = 5;
    static final String REDIS_PREFIX = "wt-cluster-it:";
    static final String SID = "SID";

    /** Test-only restart keys (32 random bytes each): the ring before and after the rotation. */
    static final String OLD_KEY = "q1oB6gXbqkWkVvEr5Yw2mK8tJ9cP3sN0hL7dF4uA1zE=";
    static final String NEW_KEY = "Zr8mT2wQ5vX9bN4cL7kJ1hG6fD3sA0pO8iU5yE2tR7w=";

    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TwoNodes cluster;
    private static RedisServers redis;
    private static RedisClients redisClient;
    private static RedisCommands<String, String> redisCommands;

    @BeforeAll
    static void start() throws Exception {
        int redisPort = TwoNodes.PORT_BASE + 33;
        redis = new RedisServers(TwoNodes.DIR.resolve("redis-shared"));
        redis.server(redisPort);
        redisClient = new RedisClients();
        redisCommands = redisClient.to(redisPort);
        try (Connection c = PostgresSessions.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + POSTGRES.schema());
            s.execute(SsoApp.DDL);
        }
        cluster = TwoNodes.start(node -> {
            deploy(node, OLD_KEY);
            node.deploy(RedisApp.war(REDIS_APP + ".war", "redis://127.0.0.1:" + redisPort + "/0", REDIS_PREFIX));
            node.deploy(SsoApp.war(SSO_APP + ".war", POSTGRES.schema(), false, Map.of()));
            node.deploy(SsoApp.war(SSO_FOIL + ".war", POSTGRES.schema(), true, Map.of()));
            node.deploy(RedisApp.withStore(SsoApp.war(SSO_REDIS + ".war", POSTGRES.schema(), false,
                    RedisApp.params("redis://127.0.0.1:" + redisPort + "/0", SSO_REDIS_PREFIX))));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (redisClient != null) {
            redisClient.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The guarded application with {@code keys} as its restart key ring, and the foil, on {@code node}. */
    private static void deploy(WildFlyNode node, String keys) {
        node.deploy(RollingApp.war(APP + ".war", Store.POSTGRES, POSTGRES.schema(),
                Map.of("staleguard.restart-capture-paths", "/account/*", "staleguard.restart-keys", keys)));
        node.deploy(RollingApp.war(FOIL + ".war", Store.POSTGRES_READ_THEN_WRITE_FOIL, POSTGRES.schema(), Map.of()));
    }

    @Test
    @Order(1)
    @DisplayName("R2 R3 E1: logout through node A while both nodes roll the session, 20 rounds × 64 calls through nginx "
            + "→ 0 revived, no refresh after the logout, the old cookie signed out, one LOGGED_OUT per logout across "
            + "the nodes")
    void logoutRaceAcrossNodes() throws Exception {
        URL base = cluster.nginx.url(APP);
        LogoutRace.Outcome outcome = LogoutRace.run("PostgreSQL, 2 nodes", base, POSTGRES::rowsOf, true);
        LogoutRace.assertGuarded(outcome, cluster.nodes(APP));
    }

    @Test
    @Order(2)
    @DisplayName("R2 foil: the read-then-write store on the same two nodes revives sessions, so the race can fail")
    void foilRevivesAcrossNodes() throws Exception {
        LogoutRace.assertRevivals(LogoutRace.run("read-then-write, 2 nodes", cluster.nginx.url(FOIL),
                POSTGRES::rowsOf, false));
    }

    @Test
    @Order(3)
    @DisplayName("R2 R3 E1: the same race with RedisSessionStore shared by both nodes → 0 revived")
    void logoutRaceAcrossNodesOnRedis() throws Exception {
        LogoutRace.Outcome outcome = LogoutRace.run("Redis, 2 nodes", cluster.nginx.url(REDIS_APP),
                id -> redisCommands.exists(REDIS_PREFIX + id).intValue(), true);
        LogoutRace.assertGuarded(outcome, cluster.nodes(REDIS_APP));
    }

    @Test
    @Order(4)
    @DisplayName("B2 T3 E1: a session created on A and deleted through B is found gone on A: 401, cookie expired once, "
            + "one NOT_FOUND on A; the next request carries no cookie and ends nothing")
    void deletedOnOneNodeGoneOnTheOther() throws Exception {
        URL a = cluster.a.url(APP);
        URL b = cluster.b.url(APP);
        int eventsOnA = AppEvents.of(a).size();
        int eventsOnB = AppEvents.of(b).size();
        Browser browser = new Browser();
        assertEquals(200, browser.fetch("POST", at(a, "login"), Browser.form()).statusCode());
        String id = browser.cookie(SID);
        assertEquals(200, browser.fetch("GET", at(a, "account/me"), null).statusCode(), browser.history()::toString);

        // Another tab signs out through node B: B deletes the record and fires LOGGED_OUT.
        HttpResponse<String> logout = PLAIN.send(HttpRequest.newBuilder(at(b, "logout"))
                .header("Cookie", SID + "=" + id).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, logout.statusCode(), logout::body);
        assertEquals(0, POSTGRES.rowsOf(id));

        // This tab still holds the cookie and calls node A.
        HttpResponse<String> gone = browser.fetch("GET", at(a, "account/me"), null);
        assertEquals(401, gone.statusCode(), gone::body);
        assertTrue(gone.body().contains("\"NOT_FOUND\""), gone::body);
        SetCookie.assertExpiredOnce(gone, SID, "/" + APP);
        assertEquals(List.of(), browser.cookies(SID), browser.jar());
        HttpResponse<String> next = browser.fetch("GET", at(a, "account/me"), null);
        assertTrue(SetCookie.all(next).stream().noneMatch(c -> c.name().equals(SID)),
                () -> next.headers().map().toString());

        List<AppEvents.Ended> onA = newEvents(a, eventsOnA);
        List<AppEvents.Ended> onB = newEvents(b, eventsOnB);
        assertEquals(List.of("NOT_FOUND"), onA.stream().map(AppEvents.Ended::reason).toList(), onA::toString);
        assertEquals(List.of("LOGGED_OUT"), onB.stream().map(AppEvents.Ended::reason).toList(), onB::toString);
        assertEquals(onA.get(0).sessionIdHash(), onB.get(0).sessionIdHash(), "both nodes name the same session");
    }

    @Test
    @Order(5)
    @DisplayName("B7: a restart cookie signed on A is honoured on B with a shared key ring, through a rolling rotation "
            + "(new key first, old still accepted); a node that does not know the signing key falls back to the "
            + "context root")
    void restartCookieAcrossNodesAndRotation() throws Exception {
        URL a = cluster.a.url(APP);
        URL b = cluster.b.url(APP);
        // Signed on A with the old key; B restarts with the new ring mid-flow and still accepts it.
        Browser browser = new Browser();
        String captured = startFlow(browser, a, "flow=1");
        restart(cluster.b, NEW_KEY + "," + OLD_KEY);
        endSessionElsewhere(browser, a);
        assertEquals(captured, staleSubmit(browser, b), browser.history()::toString);

        // Signed on B with the new key while A still has the old ring only: A cannot verify it (why a new key is rolled
        // out as a second, verify-only key before it becomes the first).
        browser = new Browser();
        startFlow(browser, b, "flow=2");
        endSessionElsewhere(browser, b);
        assertEquals("/" + APP + "/", staleSubmit(browser, a), browser.history()::toString);

        // A restarts with the new ring: both nodes now sign with the new key and accept both.
        restart(cluster.a, NEW_KEY + "," + OLD_KEY);
        browser = new Browser();
        captured = startFlow(browser, b, "flow=3");
        endSessionElsewhere(browser, b);
        assertEquals(captured, staleSubmit(browser, a), browser.history()::toString);
    }

    /** Signs in and opens a captured page on {@code node}. @return the captured path and query */
    private static String startFlow(Browser browser, URL node, String query) throws Exception {
        assertEquals(200, browser.fetch("POST", at(node, "login"), Browser.form()).statusCode());
        HttpResponse<String> page = browser.get(at(node, "account/me?" + query));
        assertEquals(200, page.statusCode(), browser.history()::toString);
        assertEquals(1, browser.cookies("staleguard-restart").size(), browser.jar());
        return "/" + APP + "/account/me?" + query;
    }

    /** The session ends in another tab; this browser keeps its cookies. */
    private static void endSessionElsewhere(Browser browser, URL node) throws Exception {
        String id = browser.cookie(SID);
        HttpResponse<String> logout = PLAIN.send(HttpRequest.newBuilder(at(node, "logout"))
                .header("Cookie", SID + "=" + id).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, logout.statusCode(), logout::body);
    }

    /** A form submitted with the dead session: B2 recovers it with a 303. @return where to */
    private static String staleSubmit(Browser browser, URL node) throws Exception {
        HttpResponse<String> recovery = browser.post(at(node, "account/me"), Browser.form("x", "1"));
        assertEquals(303, recovery.statusCode(), browser.history()::toString);
        return recovery.headers().firstValue("Location").orElseThrow();
    }

    private static void restart(WildFlyNode node, String keys) throws Exception {
        node.stop();
        deploy(node, keys);
        node.start();
    }

    @Test
    @Order(6)
    @DisplayName("one node killed mid-run and started again: the other serves the same sessions while it is down, none "
            + "lost, no 5xx beyond the requests in flight at the kill; once back behind nginx it serves every session "
            + "again, 0 5xx; no session ended, no event on either node")
    void nodeKilledAndRestartedMidRun() throws Exception {
        URL a = cluster.a.url(APP);
        int eventsOnA = AppEvents.of(a).size();
        NodeCrash.Outcome outcome = new NodeCrash(cluster.nginx.url(APP), POSTGRES::rowsOf)
                .run(cluster.b::kill, cluster.b::start, cluster.b.httpPort());
        System.out.println(outcome.summary());
        assertEquals(0, outcome.lost(), outcome::summary);
        assertEquals(0, outcome.wrongAnswers(), outcome::summary);
        assertTrue(outcome.serverErrorsBeforeBack() <= outcome.inFlightOnCrashed(), outcome::summary);
        assertEquals(0, outcome.serverErrorsAfterBack(), outcome::summary);
        assertEquals(Set.of(cluster.a.httpPort(), cluster.b.httpPort()), outcome.servedByBefore(), outcome::summary);
        assertNotEquals(0, outcome.callsWhileDown(), outcome::summary);
        assertEquals(NodeCrash.USERS, outcome.usersServedByOtherWhileDown(), outcome::summary);
        assertEquals(NodeCrash.USERS, outcome.usersServedByRestarted(), outcome::summary);
        assertEquals(Set.of(cluster.a.httpPort(), cluster.b.httpPort()), outcome.servedByAfterBack(),
                outcome::summary);
        // The restarted node's listener has recorded everything since its start; node A's, since this test began.
        assertEquals(List.of(), newEvents(a, eventsOnA));
        assertEquals(List.of(), AppEvents.of(cluster.b.url(APP)));
    }

    @Test
    @Order(7)
    @DisplayName("I1 I6 E1 N2 S1: the proxy switches alice to bob; a burst of 16 calls and a page load with alice's cookies "
            + "through nginx, 5 rounds → every call 401 + Session-Restart, the page 303 to itself, both nodes detect "
            + "the switch, the record gone, exactly one IDENTITY_CHANGED summed over both nodes (the store's "
            + "deleteIfPresent picks the node)")
    void identitySwitchAnnouncedOnceAcrossNodes() throws Exception {
        IdentitySwitchBurst burst = new IdentitySwitchBurst(cluster, SSO_APP, POSTGRES, POSTGRES::rowsOf);
        for (int round = 1; round <= IDENTITY_ROUNDS; round++) {
            IdentitySwitchBurst.Round r = burst.run(round);
            System.out.println("identity switch, 2 nodes, deleteIfPresent: " + r.summary());
            assertSwitchedEverywhere(r);
            assertEquals(1, r.events(), r::summary);
        }
    }

    @Test
    @Order(8)
    @DisplayName("I1 N2 foil: the same bursts on a store that cannot tell who removed the record (deleteIfPresent's default "
            + "answer, true) → two IDENTITY_CHANGED, one per node, every round: the arbitration is the store's")
    void identitySwitchFoilAnnouncedByEveryNode() throws Exception {
        IdentitySwitchBurst burst = new IdentitySwitchBurst(cluster, SSO_FOIL, POSTGRES, POSTGRES::rowsOf);
        for (int round = 1; round <= IDENTITY_ROUNDS; round++) {
            IdentitySwitchBurst.Round r = burst.run(round);
            System.out.println("identity switch, 2 nodes, foil: " + r.summary());
            assertSwitchedEverywhere(r);
            assertEquals(2, r.events(), r::summary);
            assertEquals(Map.of(cluster.a.name(), 1, cluster.b.name(), 1), r.eventsByNode(), r::summary);
        }
    }

    @Test
    @Order(9)
    @DisplayName("I1 I6 E1 N2 S1: the same bursts with RedisSessionStore shared by both nodes → one IDENTITY_CHANGED per "
            + "round across the nodes (the DEL reply picks the node), every call 401, the key gone")
    void identitySwitchAnnouncedOnceAcrossNodesOnRedis() throws Exception {
        IdentitySwitchBurst burst = new IdentitySwitchBurst(cluster, SSO_REDIS, POSTGRES,
                id -> redisCommands.exists(SSO_REDIS_PREFIX + id).intValue());
        for (int round = 1; round <= IDENTITY_ROUNDS; round++) {
            IdentitySwitchBurst.Round r = burst.run(round);
            System.out.println("identity switch, 2 nodes, Redis deleteIfPresent: " + r.summary());
            assertSwitchedEverywhere(r);
            assertEquals(1, r.events(), r::summary);
        }
    }

    private static void assertSwitchedEverywhere(IdentitySwitchBurst.Round r) {
        assertEquals(List.of(), r.wrongAnswers(), r::summary);
        assertEquals(303, r.pageStatus(), r::summary);
        assertTrue(r.pageLocation().endsWith(r.expectedLocation()), r::summary);
        assertEquals(IdentitySwitchBurst.CALLS, r.restartsByNode().values().stream().mapToInt(Integer::intValue).sum(),
                r::summary);
        assertEquals(Set.of(cluster.a.name(), cluster.b.name()), r.restartsByNode().keySet(), r::summary);
        assertEquals(0, r.storeRows(), r::summary);
        assertEquals(0, r.appRows(), r::summary);
    }

    private static List<AppEvents.Ended> newEvents(URL node, int before) throws Exception {
        List<AppEvents.Ended> all = AppEvents.of(node);
        return new ArrayList<>(all.subList(before, all.size()));
    }

    private static URI at(URL base, String path) {
        return URI.create(base + path);
    }
}
