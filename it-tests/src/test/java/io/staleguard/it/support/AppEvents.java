package io.staleguard.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

/**
 * The test side of {@link EventLog}: the {@code SessionEnded} events a deployment has seen since it (re)started, read
 * by a client of its own, so the user's browser and its history are not touched.
 */
public final class AppEvents {

    /** One {@code SessionEnded} as the application received it. */
    public record Ended(String reason, String requestPath, String sessionIdHash) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private AppEvents() {
    }

    public static List<Ended> of(URL base) throws IOException, InterruptedException {
        return of(base, "test/events");
    }

    /**
     * @param resource where the application lists the events it recorded in {@link EventLogServlet}'s format, relative
     *        to {@code base}
     */
    public static List<Ended> of(URL base, String resource) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + resource)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + resource + " answered " + response.statusCode());
        }
        return Arrays.stream(response.body().split("\n")).filter(line -> !line.isEmpty()).map(line -> {
            String[] f = line.split("\t", -1);
            return new Ended(f[0], f[1], f[2]);
        }).toList();
    }
}
