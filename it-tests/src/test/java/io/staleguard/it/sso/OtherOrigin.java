package io.staleguard.it.sso;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Another origin's API, for the browser test of staleguard.js's origin rule: a tiny HTTP server in the test JVM on a
 * free loopback port (so a different origin from the application's), answering every call with {@code 401} and a
 * {@code Session-Restart} header that names a URL of the application's origin, and exposing that header to any page
 * through CORS, as a hostile or merely careless API could.
 */
final class OtherOrigin implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    private OtherOrigin(HttpServer server) {
        this.server = server;
    }

    /** @param sessionRestart what every answer carries in {@code Session-Restart} */
    static OtherOrigin start(String sessionRestart) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtherOrigin origin = new OtherOrigin(server);
        server.createContext("/", exchange -> origin.answer(exchange, sessionRestart));
        server.start();
        return origin;
    }

    /** The API's URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/docs";
    }

    /** How many calls (preflights left out) it has answered. */
    int calls() {
        return calls.get();
    }

    private void answer(HttpExchange exchange, String sessionRestart) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin == null ? "*" : origin);
        exchange.getResponseHeaders().add("Access-Control-Expose-Headers", "Session-Restart");
        exchange.getResponseHeaders().add("Vary", "Origin");
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            // The browser test's DevTools adds the proxy's identity header to every request, so calls are preflighted.
            String asked = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", asked == null ? "Accept" : asked);
            exchange.getResponseHeaders().add("Access-Control-Allow-Private-Network", "true");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        calls.incrementAndGet();
        byte[] body = "{\"type\":\"about:blank\",\"status\":401}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.getResponseHeaders().add("Session-Restart", sessionRestart);
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
