package io.staleguard.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The point of these tests: a plain servlet application, with no CDI API or implementation anywhere, gets Staleguard
 * from the jar in its {@code WEB-INF/lib} and nothing breaks.
 */
public final class NoCdi {

    static final String CDI = "jakarta.enterprise.inject.spi.CDI";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private NoCdi() {
    }

    /**
     * CDI cannot be loaded by the tests, nor by the application at {@code base} (deployed with
     * {@link ClassProbeServlet}), and the application runs the {@code StaleSessionFilter} of its own
     * {@code WEB-INF/lib/staleguard-filter.jar}.
     */
    public static void assertNoCdi(URL base) throws IOException, InterruptedException {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(CDI), "CDI on the test class path");
        assertEquals("absent", probe(base, CDI), "CDI visible to the web application");
        String filter = probe(base, "io.staleguard.StaleSessionFilter");
        assertTrue(filter.endsWith("/WEB-INF/lib/staleguard-filter.jar"), filter);
    }

    private static String probe(URL base, String className) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "test/class?name="
                + className)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }
}
