package io.staleguard.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Simulate a redeploy" without JavaScript: the plain form post gets a page that says what happened and links back to
 * the page it came from, never to another origin (it answered an empty 204 before, which left the user guessing).
 */
class RedeployPageTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @ParameterizedTest(name = "back={0} → {1}")
    @CsvSource({
            "/staleguard-example/incident1/without/interaction/abc?x=1, /staleguard-example/incident1/without/interaction/abc?x=1",
            "//evil.example/, /staleguard-example/",
            "https://evil.example/, /staleguard-example/",
            "/staleguard-example/\\\\evil.example, /staleguard-example/",
            "/elsewhere/, /staleguard-example/"})
    void aPlainFormPostSaysWhatHappenedAndLinksBack(String back, String link) throws Exception {
        URI redeploy = EmbeddedExample.get().base().resolve("redeploy");
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(redeploy)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("back=" + URLEncoder.encode(back, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.body().contains("Redeployed: the server forgot"), response::body);
        assertTrue(response.body().contains("<a href=\"" + link + "\">go back to the page you were on</a>"),
                response::body);
    }
}
