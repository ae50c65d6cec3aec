package io.staleguard.it.container;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import io.staleguard.it.support.Server;
import io.staleguard.it.support.ServerLog;
import io.staleguard.it.support.TestApps;
import org.jboss.shrinkwrap.api.spec.WebArchive;

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
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ContainerRefusals() {
    }

    public static WebArchive app(String name) {
        return TestApps.war(name).addClass(SessionPages.class);
    }

    /**
     * A cookie whose value holds raw UTF-8 bytes (another application's, same domain), alone, before or after the
     * session cookie, unquoted or quoted → 200 with the session still read; nothing about it in the server log.
     */
    public static void rawNonAsciiCookie(URL base) throws Exception {
        String session = login(base);
        ServerLog log = ServerLog.mark(base);
        byte[] zurich = "city=Z\u00fcrich".getBytes(StandardCharsets.UTF_8);
        RawRequest.Response alone = RawRequest.get(base, "work", zurich);
        RawRequest.Response after = RawRequest.get(base, "work", join("JSESSIONID=" + session + "; ", zurich, ""));
        RawRequest.Response before = RawRequest.get(base, "work", join("", zurich, "; JSESSIONID=" + session));
        RawRequest.Response quoted = RawRequest.get(base, "work",
                join("JSESSIONID=" + session + "; ", "name=\"J\u00f6rg\"".getBytes(StandardCharsets.UTF_8), ""));
        String logged = log.since();
        assertAll(
                () -> assertEquals(200, alone.status(), alone::text),
                () -> assertTrue(alone.text().endsWith("/work user=null\n"), alone::text),
                () -> assertEquals(200, after.status(), after::text),
                () -> assertTrue(after.text().endsWith("/work user=alice\n"), after::text),
                () -> assertEquals(200, before.status(), before::text),
                () -> assertTrue(before.text().endsWith("/work user=alice\n"), before::text),
                () -> assertEquals(200, quoted.status(), quoted::text),
                () -> assertTrue(quoted.text().endsWith("/work user=alice\n"), quoted::text),
                () -> assertTrue(!logged.contains("UT000173"), logged));
    }

    /**
     * {@value #ROUNDS} rounds of {@value #PARALLEL} parallel calls sharing a session, one of which invalidates it →
     * every call 200, and no "Session is invalid" in the server log.
     */
    public static void invalidationRace(URL base) throws Exception {
        ServerLog log = ServerLog.mark(base);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String session = login(base);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                String page = i == PARALLEL / 2 ? "logout" : "work";
                calls.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(base + page))
                        .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                statuses.merge(call.get().statusCode(), 1, Integer::sum);
            }
        }
        String logged = log.since();
        long invalid = logged.lines().filter(l -> l.contains("UT000010") || l.contains("Session is invalid")).count();
        System.out.println("item 17 (b) on " + Server.current().name() + ": statuses " + statuses
                + ", \"Session is invalid\" lines " + invalid);
        assertAll(
                () -> assertEquals(Map.of(200, ROUNDS * PARALLEL), statuses, "statuses of every call"),
                () -> assertEquals(0, invalid, logged));
    }

    private static String login(URL base) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
        return setCookie.substring("JSESSIONID=".length(), setCookie.indexOf(';'));
    }

    private static byte[] join(String head, byte[] middle, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(middle);
        out.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
