package io.staleguard.it.pathparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.ServerLog;
import io.staleguard.it.support.TestApps;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Issue 12, item 2 on a real container: the drop-in, {@code interaction-paths=/interaction/*}, and a request whose dead
 * session id comes in a path parameter ({@code GET /<app>/interaction/step;jsessionid=<id>}, URL rewriting). The
 * same application and assertions on every server.
 */
public final class PathParameterApp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private PathParameterApp() {
    }

    public static WebArchive war(String name) {
        return TestApps.war(name).addClass(StepServlet.class).setWebXML(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <context-param><param-name>staleguard.interaction-paths</param-name><param-value>/interaction/*</param-value></context-param>
                </web-app>
                """));
    }

    private static HttpResponse<String> navigate(URI uri, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/html").header("Sec-Fetch-Mode",
                "navigate");
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code GET …/interaction/step;jsessionid=<id>?x=1} → 303 to {@code …/interaction/step?x=1}, the event's path and
     * the server log without the id; following the Location (with the retry marker) reaches the step: 200, no
     * loop-guard page.
     */
    public static void restartsWithoutTheId(URL base) throws Exception {
        String context = base.getPath().substring(0, base.getPath().length() - 1);
        String id = HexFormat.of().withUpperCase().formatHex(new SecureRandom().generateSeed(16));
        ServerLog log = ServerLog.mark(base);

        HttpResponse<String> stale = navigate(URI.create(base + "interaction/step;jsessionid=" + id + "?x=1"), null);

        assertEquals(303, stale.statusCode(), stale::body);
        String location = stale.headers().firstValue("Location").orElseThrow();
        assertEquals(context + "/interaction/step?x=1", location);
        assertFalse(String.join("\n", stale.headers().allValues("Set-Cookie")).contains(id));
        assertFalse(stale.body().contains(id));
        List<AppEvents.Ended> events = AppEvents.of(base);
        assertEquals(1, events.size(), events::toString);
        assertEquals("NOT_FOUND", events.get(0).reason());
        assertEquals(context + "/interaction/step", events.get(0).requestPath());

        String marker = stale.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("staleguard-retry=")).map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow();
        HttpResponse<String> followed = navigate(URI.create(base.getProtocol() + "://" + base.getHost() + ":"
                + base.getPort() + location), marker);
        assertEquals(200, followed.statusCode(), followed::body);
        assertEquals("step", followed.body());
        assertEquals(1, AppEvents.of(base).size(), "no second recovery");

        String logged = log.since();
        assertFalse(logged.contains(id), logged);
        assertTrue(!logged.contains("SG0003"), logged);
    }
}
