package io.staleguard.cluster;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.staleguard.cluster.sso.SsoApp;
import io.staleguard.cluster.support.Nginx;
import io.staleguard.internal.http.SessionIds;
import io.staleguard.it.rolling.LogoutRace;
import io.staleguard.it.rolling.PostgresSessions;
import io.staleguard.it.support.AppEvents;

/**
 * I1 across nodes: alice signs in through nginx and both nodes serve her session; then the proxy names bob, and a
 * burst of {@value #CALLS} API calls and one page load, all carrying alice's cookies as they were before the switch,
 * goes through nginx at once (round robin: both nodes see the switch). Events are counted per node, on each node's own
 * {@code /test/events} (not through nginx), and added up.
 */
final class IdentitySwitchBurst {

    static final int CALLS = 16;

    /** What one round did. */
    record Round(int round, Map<String, Integer> eventsByNode, Map<String, Integer> restartsByNode, int pageStatus,
            String pageLocation, String expectedLocation, List<String> wrongAnswers, int storeRows, int appRows,
            Map<String, Integer> warmupByNode) {

        int events() {
            return eventsByNode.values().stream().mapToInt(Integer::intValue).sum();
        }

        String summary() {
            return "round " + round + ": IDENTITY_CHANGED events " + events() + " " + eventsByNode + ", 401s by node "
                    + restartsByNode + ", page " + pageStatus + " → " + pageLocation + ", wrong answers "
                    + wrongAnswers.size() + ", store rows " + storeRows + ", app rows " + appRows
                    + ", warm-up calls by node " + warmupByNode;
        }
    }

    private final String context;
    private final URL balancer;
    private final Map<Integer, String> nodeByPort;
    private final Map<String, URL> nodes;
    private final PostgresSessions postgres;
    private final LogoutRace.Rows storeRows;

    /** @param storeRows how many records the application's store holds for a session id */
    IdentitySwitchBurst(TwoNodes cluster, String context, PostgresSessions postgres, LogoutRace.Rows storeRows) {
        this.context = context;
        this.balancer = cluster.nginx.url(context);
        this.nodeByPort = Map.of(cluster.a.httpPort(), cluster.a.name(), cluster.b.httpPort(), cluster.b.name());
        this.nodes = Map.of(cluster.a.name(), cluster.a.url(context), cluster.b.name(), cluster.b.url(context));
        this.postgres = postgres;
        this.storeRows = storeRows;
    }

    Round run(int round) throws Exception {
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(jar).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(at("sso/login")).header(SsoApp.HEADER, "alice")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        check(login.statusCode() == 200, "sign-in: " + login.statusCode() + " " + login.body());

        // Both nodes serve alice's session before the switch, so each has her in its own HttpSession.
        Map<String, Integer> warmup = new TreeMap<>();
        for (int i = 0; i < 4 || warmup.size() < 2; i++) {
            check(i < 12, "nginx sent every warm-up call to one node: " + warmup);
            HttpResponse<String> me = browser.send(api("api/me", "alice").build(), HttpResponse.BodyHandlers.ofString());
            check(me.statusCode() == 200 && me.body().contains("\"sessionUser\":\"alice\""),
                    "warm-up: " + me.statusCode() + " " + me.body());
            warmup.merge(me.headers().firstValue(SsoApp.NODE).orElse("?"), 1, Integer::sum);
        }
        List<HttpCookie> cookies = jar.getCookieStore().get(at(""));
        String sid = cookies.stream().filter(c -> c.getName().equals("SID")).findFirst().orElseThrow().getValue();
        String cookieHeader = cookies.stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        String idHash = SessionIds.hash(sid);

        // The switch: every call of the burst carries alice's cookies, as a page's calls in flight do.
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String page = "home?round=" + round;
        List<HttpRequest> burst = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            burst.add(api("api/me?call=" + i, "bob").header("Cookie", cookieHeader).build());
        }
        burst.add(HttpRequest.newBuilder(at(page)).header(SsoApp.HEADER, "bob").header("Cookie", cookieHeader)
                .header("Accept", "text/html").header("Sec-Fetch-Mode", "navigate").GET().build());
        List<HttpResponse<String>> answers = sendAtOnce(plain, burst);

        Map<String, Integer> restarts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            HttpResponse<String> r = answers.get(i);
            String node = nodeOf(r);
            if (r.statusCode() == 401 && r.headers().firstValue("Session-Restart").isPresent()
                    && r.body().contains("IDENTITY_CHANGED")) {
                restarts.merge(node, 1, Integer::sum);
            } else {
                wrong.add(node + " " + r.statusCode() + " " + r.headers().map() + " " + r.body());
            }
        }
        HttpResponse<String> pageAnswer = answers.get(CALLS);
        String expected = "/" + context + "/" + page;
        String location = pageAnswer.headers().firstValue("Location").orElse(null);
        if (pageAnswer.statusCode() != 303 || location == null || !location.endsWith(expected)) {
            wrong.add("page " + nodeOf(pageAnswer) + " " + pageAnswer.statusCode() + " " + pageAnswer.body());
        }

        Map<String, Integer> events = new TreeMap<>();
        for (Map.Entry<String, URL> node : nodes.entrySet()) {
            events.put(node.getKey(), (int) AppEvents.of(node.getValue()).stream()
                    .filter(e -> e.reason().equals("IDENTITY_CHANGED") && idHash.equals(e.sessionIdHash())).count());
        }
        return new Round(round, events, restarts, pageAnswer.statusCode(), location, expected, wrong,
                storeRows.of(sid), appRows(sid), warmup);
    }

    private static List<HttpResponse<String>> sendAtOnce(HttpClient client, List<HttpRequest> requests)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CyclicBarrier start = new CyclicBarrier(requests.size());
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (HttpRequest request : requests) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : sent) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private String nodeOf(HttpResponse<?> response) {
        String upstream = response.headers().firstValue(Nginx.UPSTREAM).orElse("");
        int colon = upstream.lastIndexOf(':');
        return colon < 0 ? "?" + upstream
                : nodeByPort.getOrDefault(Integer.parseInt(upstream.substring(colon + 1).trim()), "?" + upstream);
    }

    private int appRows(String sid) throws SQLException {
        try (Connection c = PostgresSessions.connect(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM "
                + postgres.schema() + "." + SsoApp.TABLE + " WHERE sid = ?")) {
            s.setString(1, sid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private HttpRequest.Builder api(String path, String user) {
        return HttpRequest.newBuilder(at(path)).header(SsoApp.HEADER, user).header("Accept", "application/json").GET();
    }

    private URI at(String path) {
        return URI.create(balancer + path);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
