package io.staleguard;

import static io.staleguard.testing.Harness.api;
import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.request;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;

@DisplayName("B4: the recovery answers each kind of request the way it can follow")
class RespondByKindTest {

    private Harness app;

    @BeforeEach
    void start() throws Exception {
        app = Harness.withInitParams("restart-url", "/login");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private RawResponse recover(MockHttpServletRequest request) throws Exception {
        return app.run(withCookies(request, "JSESSIONID", "s"), throwing(new SessionNotFoundException("gone")));
    }

    @Test
    @DisplayName("B4: a navigation (Sec-Fetch-Mode: navigate) POST gets 303 See Other, so the browser follows with GET")
    void navigationPost() throws Exception {
        RawResponse r = recover(navigate("POST", "/interaction/1/confirm"));
        assertEquals(303, r.getStatus());
        assertEquals(List.of("/app/login"), r.headers("Location"));
        assertEquals(List.of("no-store"), r.headers("Cache-Control"));
        assertTrue(r.getContentType().startsWith("text/html"));
    }

    @Test
    @DisplayName("B4: no fetch metadata, Accept with text/html and no X-Requested-With is a navigation")
    void navigationByAccept() throws Exception {
        MockHttpServletRequest r = request("GET", "/page");
        r.addHeader("Accept", "text/html");
        assertEquals(303, recover(r).getStatus());
    }

    @Test
    @DisplayName("B4: X-Requested-With or a non-navigate fetch mode makes it an API call, even with Accept text/html")
    void apiDespiteHtml() throws Exception {
        MockHttpServletRequest xhr = request("GET", "/page");
        xhr.addHeader("Accept", "text/html");
        xhr.addHeader("X-Requested-With", "XMLHttpRequest");
        assertEquals(401, recover(xhr).getStatus());
        MockHttpServletRequest fetch = request("GET", "/page");
        fetch.addHeader("Accept", "text/html");
        fetch.addHeader("Sec-Fetch-Mode", "cors");
        assertEquals(401, recover(fetch).getStatus());
    }

    @Test
    @DisplayName("B4: an API call gets 401, application/problem+json with reason and restart, and Session-Restart")
    void api401() throws Exception {
        RawResponse r = recover(api("POST", "/api/confirm"));
        assertEquals(401, r.getStatus());
        assertEquals("application/problem+json;charset=UTF-8", r.getContentType());
        assertEquals(List.of("/app/login"), r.headers("Session-Restart"));
        assertEquals(List.of("no-store"), r.headers("Cache-Control"));
        assertEquals(1, r.headers("WWW-Authenticate").size(), "RFC 9110: a 401 carries a challenge");
        assertTrue(r.headers("Location").isEmpty());
        assertEquals("{\"type\":\"urn:staleguard:session-ended\",\"title\":\"Session ended\",\"status\":401,"
                + "\"detail\":\"The session this request belongs to no longer exists; start again at the restart URL.\","
                + "\"reason\":\"NOT_FOUND\",\"restart\":\"/app/login\",\"retry\":true}", r.body());
        assertTrue(r.setCookies("JSESSIONID").get(0).contains("Max-Age=0"), "API answers expire cookies too");
    }

    @Test
    @DisplayName("B4: a Faces Ajax request gets 200 with a partial-response redirect")
    void facesPartial() throws Exception {
        MockHttpServletRequest r = request("POST", "/page.xhtml");
        r.addHeader("Faces-Request", "partial/ajax");
        r.addHeader("Accept", "*/*");
        RawResponse response = recover(r);
        assertEquals(200, response.getStatus());
        assertTrue(response.getContentType().startsWith("text/xml"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<partial-response><redirect url=\"/app/login\"/></partial-response>", response.body());
    }
}
