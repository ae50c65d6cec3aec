package io.staleguard;

import static io.staleguard.testing.Harness.api;
import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import io.staleguard.store.StoreUnavailableException;
import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.ServletException;

@DisplayName("B1: exceptions that mean 'session gone' trigger a recovery; others pass through")
class ExceptionTriggerTest {

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    /** Same simple name as Faces' exception, other package: must not match. */
    static class ViewExpiredException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static class InteractionNotFound extends IllegalStateException {
        private static final long serialVersionUID = 1L;
    }

    static class SpecificInteractionNotFound extends InteractionNotFound {
        private static final long serialVersionUID = 1L;
    }

    @Test
    @DisplayName("B1: SessionNotFoundException thrown directly recovers with 303")
    void direct() throws Exception {
        app = Harness.withInitParams();
        RawResponse r = app.run(withCookies(navigate("GET", "/consent"), "JSESSIONID", "dead"),
                throwing(new SessionNotFoundException("interaction gone")));
        assertEquals(303, r.getStatus());
        assertEquals(1, app.events.size());
        assertEquals(EndReason.NOT_FOUND, app.events.get(0).reason());
    }

    @Test
    @DisplayName("B1: SessionNotFoundException as the root cause of a ServletException, two levels deep, recovers")
    void wrapped() throws Exception {
        app = Harness.withInitParams();
        Exception thrown = new ServletException("render failed",
                new IllegalStateException("bean failed", new SessionNotFoundException("gone")));
        RawResponse r = app.run(navigate("GET", "/consent"), throwing(thrown));
        assertEquals(303, r.getStatus());
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("B1: the reason carried by the exception reaches the event")
    void reason() throws Exception {
        app = Harness.withInitParams();
        app.run(navigate("GET", "/consent"),
                throwing(new SessionNotFoundException(EndReason.INVALID_SIGNATURE, "cookie key rotated")));
        assertEquals(EndReason.INVALID_SIGNATURE, app.events.get(0).reason());
    }

    @Test
    @DisplayName("B1: a class named in stale-exceptions recovers, and so do its subclasses")
    void configuredByName() throws Exception {
        app = Harness.withInitParams("stale-exceptions", InteractionNotFound.class.getName());
        RawResponse r = app.run(navigate("GET", "/consent"), throwing(new SpecificInteractionNotFound()));
        assertEquals(303, r.getStatus());
    }

    @Test
    @DisplayName("B1: by default Faces' ViewExpiredException is stale (reason EXPIRED); a look-alike name is not")
    void viewExpiredByDefault() throws Exception {
        app = Harness.withInitParams();
        RawResponse r = app.run(navigate("POST", "/page.xhtml"),
                throwing(new jakarta.faces.application.ViewExpiredException("view /page.xhtml could not be restored")));
        assertEquals(303, r.getStatus());
        assertEquals(EndReason.EXPIRED, app.events.get(0).reason());

        app.events.clear();
        RuntimeException lookalike = new ViewExpiredException();
        assertSame(lookalike, assertThrows(ViewExpiredException.class,
                () -> app.run(navigate("GET", "/page.xhtml"), throwing(lookalike))));
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("B1: an unrelated exception passes through untouched: no recovery, no event")
    void unrelated() throws Exception {
        app = Harness.withInitParams();
        IOException broken = new IOException("disk full");
        assertSame(broken, assertThrows(IOException.class,
                () -> app.run(navigate("GET", "/consent"), throwing(broken))));
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("T1: a StoreUnavailableException is never stale, even with a SessionNotFoundException around it: 503")
    void transientWins() throws Exception {
        app = Harness.withInitParams();
        RuntimeException thrown = new SessionNotFoundException("looked gone",
                new StoreUnavailableException("store timed out"));
        MockHttpServletRequest request = withCookies(navigate("GET", "/consent?x=1"), "JSESSIONID", "alive");
        jakarta.servlet.http.HttpSession session = request.getSession(true);
        RawResponse r = app.run(request, throwing(thrown));
        assertEquals(503, r.getStatus());
        assertEquals(List.of("5"), r.headers("Retry-After"));
        assertEquals(List.of("no-store"), r.headers("Cache-Control"));
        assertTrue(r.headers("Set-Cookie").isEmpty(), "no cookie may be expired on a transient failure");
        assertFalse(((org.springframework.mock.web.MockHttpSession) session).isInvalid(), "the session lives on");
        assertTrue(r.body().contains("href=\"/app/consent?x=1\""), "offers to try the same page again");
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("T1: an API call meeting a transient failure gets 503 problem+json with retry true")
    void transientApi() throws Exception {
        app = Harness.withInitParams();
        RawResponse r = app.run(api("GET", "/api/me"), throwing(new StoreUnavailableException("down")));
        assertEquals(503, r.getStatus());
        assertEquals("application/problem+json;charset=UTF-8", r.getContentType());
        assertTrue(r.body().contains("\"type\":\"urn:staleguard:store-unavailable\"") && r.body().contains("\"retry\":true"));
        assertTrue(r.headers("Session-Restart").isEmpty());
    }

    @Test
    @DisplayName("T1: on-unavailable=propagate rethrows the transient failure untouched")
    void propagate() throws Exception {
        app = Harness.withInitParams("on-unavailable", "propagate");
        RuntimeException thrown = new StoreUnavailableException("down");
        RawResponse response = new RawResponse();
        assertSame(thrown, assertThrows(StoreUnavailableException.class,
                () -> app.run(withCookies(navigate("GET", "/x"), "JSESSIONID", "s"), response, throwing(thrown))));
        assertTrue(response.headers("Set-Cookie").isEmpty());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("T1: default transient-exceptions (SQLTransient…, SocketTimeout) beat a stale exception wrapped around them")
    void defaultTransients() throws Exception {
        app = Harness.withInitParams();
        for (Exception cause : new Exception[] {new SQLTransientConnectionException("pool"),
                new SocketTimeoutException("read timed out")}) {
            RuntimeException thrown = new SessionNotFoundException("looked gone", cause);
            assertEquals(503, app.run(navigate("GET", "/x"), throwing(thrown)).getStatus());
        }
        assertTrue(app.events.isEmpty());
    }
}
