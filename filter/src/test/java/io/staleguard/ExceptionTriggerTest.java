package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
    @DisplayName("T1: a StoreUnavailableException is never stale, even with a SessionNotFoundException in the chain")
    void transientWins() throws Exception {
        app = Harness.withInitParams();
        RuntimeException thrown = new SessionNotFoundException("looked gone",
                new StoreUnavailableException("store timed out"));
        RawResponse response = new RawResponse();
        assertSame(thrown, assertThrows(SessionNotFoundException.class,
                () -> app.run(withCookies(navigate("GET", "/consent"), "JSESSIONID", "alive"), response,
                        throwing(thrown))));
        assertTrue(response.headers("Set-Cookie").isEmpty(), "no cookie may be expired on a transient failure");
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("T1: default transient-exceptions (SQLTransient…, SocketTimeout) beat a stale exception wrapped around them")
    void defaultTransients() throws Exception {
        app = Harness.withInitParams();
        for (Exception cause : new Exception[] {new SQLTransientConnectionException("pool"),
                new SocketTimeoutException("read timed out")}) {
            RuntimeException thrown = new SessionNotFoundException("looked gone", cause);
            assertThrows(SessionNotFoundException.class, () -> app.run(navigate("GET", "/x"), throwing(thrown)));
        }
        assertTrue(app.events.isEmpty());
    }
}
