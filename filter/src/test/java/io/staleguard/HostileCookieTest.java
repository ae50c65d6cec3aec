package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.ok;
import static io.staleguard.testing.Harness.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.http.Cookie;

@DisplayName("Bad input: hostile cookies never cause a 500, a loop or a header injection")
class HostileCookieTest {

    private Harness app;

    @BeforeEach
    void start() throws Exception {
        app = Harness.withInitParams("cookies", "_i*", "restart-capture-paths", "/authorize",
                "interaction-paths", "/interaction/*");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static MockHttpServletRequest with(MockHttpServletRequest request, Cookie... cookies) {
        request.setCookies(cookies);
        return request;
    }

    @Test
    @DisplayName("B3: empty, 8 KB and non-ASCII values are expired by name; values never echoed")
    void oddValues() throws Exception {
        String big = "v".repeat(8192);
        String nonAscii = new String(new byte[] {(byte) 0xc3, (byte) 0xa9, (byte) 0xff}, StandardCharsets.ISO_8859_1);
        RawResponse r = app.run(with(navigate("POST", "/interaction/1"), new Cookie("JSESSIONID", ""),
                new Cookie("_i1", big), new Cookie("_i2", nonAscii)), throwing(new SessionNotFoundException("gone")));
        assertEquals(303, r.getStatus());
        assertEquals(3, r.headers("Set-Cookie").stream().filter(h -> h.contains("Max-Age=0")).count());
        assertTrue(r.headers("Set-Cookie").stream().noneMatch(h -> h.contains(big) || h.contains(nonAscii)));
    }

    @Test
    @DisplayName("B2: a valid request with many duplicate and odd cookies on an interaction path runs normally")
    void noFalsePositive() throws Exception {
        MockHttpServletRequest request = with(navigate("GET", "/interaction/1"), new Cookie("JSESSIONID", "a"),
                new Cookie("JSESSIONID", "b"), new Cookie("staleguard-restart", "garbage"),
                new Cookie("staleguard-retry", "not-a-number"));
        request.setRequestedSessionId("a");
        request.setRequestedSessionIdValid(true);
        request.getSession(true);
        assertEquals(200, app.run(request, ok()).getStatus());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("B7: capturing a query with CR/LF or quotes never produces a cookie that breaks the header")
    void captureHostileQuery() throws Exception {
        MockHttpServletRequest request = navigate("GET", "/authorize");
        request.setQueryString("a=\r\nSet-Cookie: evil=1");
        assertTrue(app.run(request, ok()).setCookies("staleguard-restart").isEmpty());
        MockHttpServletRequest quoted = navigate("GET", "/authorize");
        quoted.setQueryString("a=%22%3B%20evil");
        String header = app.run(quoted, ok()).setCookies("staleguard-restart").get(0);
        assertTrue(header.matches("staleguard-restart=[0-9A-Za-z._-]+; Path=/app; HttpOnly; SameSite=Lax"), header);
    }
}
