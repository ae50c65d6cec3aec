package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;

import io.staleguard.internal.recovery.RestartTargets;
import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

/**
 * Issue 12, item 2: a session id in a path parameter ({@code ;jsessionid=…}, URL rewriting) never reaches a
 * {@code Location}, an event or a log line, and the same-URL restart does not loop on it.
 */
@DisplayName("Issue 12 item 2: path parameters are stripped from every path Staleguard emits or logs")
class Item2PathParametersTest {

    private static final String ID = "C0FFEE0123456789SECRETSESSIONID";

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    /** {@code GET /app/interaction/step;jsessionid=<ID>}: the container took the (dead) session id from the URL. */
    private static MockHttpServletRequest withIdInPath(MockHttpServletRequest request) {
        request.setRequestURI(request.getRequestURI() + ";jsessionid=" + ID);
        request.setRequestedSessionId(ID);
        request.setRequestedSessionIdValid(false);
        request.setRequestedSessionIdFromURL(true);
        request.setRequestedSessionIdFromCookie(false);
        return request;
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "/app/interaction/step;jsessionid=ABC, /app/interaction/step",
            "/app;v=1/x;jsessionid=ABC/y, /app/x/y",
            "/app/step;a=1;b=2, /app/step",
            "/app/plain, /app/plain",
            "/app/a;b/c;d/, /app/a/c/",
            "/app/%3Bnot-a-param, /app/%3Bnot-a-param"})
    @DisplayName("Issue 12 item 2: withoutPathParameters drops ;params in every segment, and nothing else")
    void strips(String uri, String expected) {
        assertEquals(expected, RestartTargets.withoutPathParameters(uri));
    }

    @Test
    @DisplayName("Issue 12 item 2: GET /app/interaction/step;jsessionid=<id> → 303 to the path without the parameter, "
            + "no id in the event or the log; following the Location reaches the page, no loop-guard page")
    void sameUrlRestartWithoutTheId() throws Exception {
        app = Harness.withInitParams("interaction-paths", "/interaction/*");
        try (LogCapture log = new LogCapture()) {
            RawResponse r = app.run(withIdInPath(navigate("GET", "/interaction/step?x=1")), Harness.ok());

            assertEquals(303, r.getStatus());
            assertEquals("/app/interaction/step?x=1", r.getHeader("Location"));
            assertEquals(1, app.events.size());
            assertEquals("/app/interaction/step", app.events.get(0).requestPath());
            assertFalse(log.all().contains(ID), log.all());
            assertFalse(r.getHeaders("Set-Cookie").toString().contains(ID));
            assertFalse(r.body().contains(ID));

            // The browser follows the Location: no id in the URL any more, its retry marker along.
            MockHttpServletRequest follow = navigate("GET", "/interaction/step?x=1");
            follow.setCookies(r.cookieSet("staleguard-retry"));
            RawResponse page = app.run(follow, Harness.ok());
            assertEquals(200, page.getStatus(), page.body());
            assertEquals("ok", page.body());
        }
    }

    @Test
    @DisplayName("Issue 12 item 2: the SG0003 loop-guard line and the committed-response SG0002 line carry no id")
    void logLinesWithoutTheId() throws Exception {
        app = Harness.withInitParams("interaction-paths", "/interaction/*");
        try (LogCapture log = new LogCapture()) {
            RawResponse first = app.run(withIdInPath(navigate("GET", "/interaction/step")), Harness.ok());
            MockHttpServletRequest again = withIdInPath(navigate("GET", "/interaction/step"));
            again.setCookies(first.cookieSet("staleguard-retry"));
            RawResponse guarded = app.run(again, Harness.ok());
            assertEquals(400, guarded.getStatus());
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.startsWith("SG0003")), log.all());

            RawResponse committed = new RawResponse();
            committed.flushBuffer();
            MockHttpServletRequest late = withIdInPath(navigate("GET", "/page"));
            app.run(late, committed, (req, res) -> Staleguard.recover(req, res));
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.startsWith("SG0002")), log.all());

            assertFalse(log.all().contains(ID), log.all());
            assertFalse(guarded.body().contains(ID));
            app.events.forEach(e -> assertFalse(e.requestPath().contains(ID), e.requestPath()));
        }
    }

    @Test
    @DisplayName("Issue 12 item 2: an identity switch comes back to the same URL without the path parameter")
    void identitySwitchSameUrl() throws Exception {
        app = Harness.withInitParams("identity-header", "X-User", "identity-attribute", "user");
        MockHttpServletRequest request = navigate("GET", "/wiki/page");
        request.setRequestURI("/app/wiki/page;jsessionid=" + ID);
        request.addHeader("X-User", "bob");
        request.setRemoteAddr("127.0.0.1");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute("user", "alice");
        request.setSession(session);
        RawResponse r = app.run(request, Harness.ok());
        assertEquals(303, r.getStatus());
        assertEquals("/app/wiki/page", r.getHeader("Location"));
        assertEquals("/app/wiki/page", app.events.get(0).requestPath());
    }
}
