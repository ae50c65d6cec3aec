package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;

/**
 * Issue 12, item 9: an identity header with several values (a proxy that appends to a client's value) or a blank value
 * vouches for nobody: treated as absent, warned at most once a minute.
 */
@DisplayName("Issue 12 item 9: identity header with several values or a blank one")
class Item9IdentityHeaderValuesTest {

    private static final String HEADER = "X-Auth-Request-Email";

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private static MockHttpServletRequest aliceSignedIn(String... headerValues) {
        MockHttpServletRequest request = navigate("GET", "/wiki");
        request.setRemoteAddr("127.0.0.1");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute("user", "alice@example.com");
        request.setSession(session);
        for (String value : headerValues) {
            request.addHeader(HEADER, value);
        }
        return request;
    }

    @ParameterizedTest(name = "values {0}")
    @ValueSource(strings = {"mallory@example.com|alice@example.com", "alice@example.com|bob@example.com", "|", "  ",
            "\t"})
    @DisplayName("Issue 12 item 9: several values or a blank one from a trusted proxy sign nobody out; three such "
            + "requests give one SG0009 warning")
    void treatedAsAbsent(String values) throws Exception {
        app = Harness.withInitParams("identity-header", HEADER, "identity-attribute", "user");
        String[] headerValues = values.equals("|") ? new String[] {""} : values.split("\\|", -1);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                RawResponse r = app.run(aliceSignedIn(headerValues), Harness.ok());
                assertEquals(200, r.getStatus(), r.body());
            }
            assertEquals(List.of(), app.events);
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("SG0009"), warnings.get(0));
            assertTrue(warnings.get(0).contains(headerValues.length > 1 ? "2 values" : "a blank value"),
                    warnings.get(0));
        }
    }
}
