package io.staleguard.it.cdi;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The test side of {@link CdiApp}'s provider, usable from the client and from in-container tests alike. */
public final class ConsentFlow {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ConsentFlow() {
    }

    /** The client's authorization request: where the flow starts. */
    public static URI authorize(URL base, String state) {
        return URI.create(base + "authorize?state=" + state);
    }

    /** The server loses every session it has ({@link SessionWipe}); browsers keep their cookies. */
    public static void wipeSessions(URL base) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "test/wipe-sessions"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new AssertionError("POST test/wipe-sessions answered " + response.statusCode());
        }
    }
}
