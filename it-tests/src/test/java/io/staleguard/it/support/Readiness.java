package io.staleguard.it.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MicroProfile Health {@code /health/ready} answer as a probe reads it: its status code, the overall status, and
 * the {@value #CHECK_NAME} entry (WildFly's and Payara's bodies alike).
 *
 * @param httpStatus the answer's status code (200 up, 503 down)
 * @param body the JSON body
 */
public record Readiness(int httpStatus, String body) {

    /** The check's name (staleguard-cdi's StoreReadiness.NAME). */
    public static final String CHECK_NAME = "staleguard-store";

    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern CHECK = Pattern.compile("\\{\"name\":\"([^\"]+)\",\"status\":\"(UP|DOWN)\""
            + "(?:,\"data\":\\{([^}]*)\\})?\\}");

    /** {@code GET} the readiness endpoint, as a load balancer's probe does. */
    public static Readiness of(URI health) throws IOException, InterruptedException {
        HttpResponse<String> response = PLAIN.send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Readiness(response.statusCode(), response.body());
    }

    /** @return the overall status, {@code UP} or {@code DOWN} */
    public String overall() {
        return Json.value(body, "status");
    }

    /** @return the names of the checks listed */
    public List<String> checks() {
        return CHECK.matcher(body).results().map(m -> m.group(1)).toList();
    }

    /** @return the {@value #CHECK_NAME} check's status, null when it is not listed */
    public String check() {
        Matcher m = entry();
        return m == null ? null : m.group(2);
    }

    /** @return a member of the {@value #CHECK_NAME} check's data, null when it has none */
    public String data(String member) {
        Matcher m = entry();
        assertNotNull(m, () -> CHECK_NAME + " is not listed: " + body);
        return m.group(3) == null ? null : Json.value("{" + m.group(3) + "}", member);
    }

    private Matcher entry() {
        Matcher m = CHECK.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(CHECK_NAME)) {
                return m;
            }
        }
        return null;
    }
}
