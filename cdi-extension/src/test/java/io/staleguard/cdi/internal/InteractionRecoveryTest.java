package io.staleguard.cdi.internal;

import static io.staleguard.cdi.internal.Fixture.EXPIRED_SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;

import io.staleguard.EndReason;
import io.staleguard.SessionNotFoundException;
import io.staleguard.StaleSessionFilter;
import io.staleguard.internal.RequestState;
import io.staleguard.store.StoreUnavailableException;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.FacesContextWrapper;
import jakarta.servlet.ServletException;
import jakarta.transaction.Status;
import jakarta.ws.rs.core.Response;

/**
 * C1: what the {@code @Interaction} interceptor does with what a method throws, driven through the real interceptor
 * class with a plain {@code InvocationContext}, a real engine and servlet mocks. Assertions are on raw headers.
 */
class InteractionRecoveryTest {

    private final Fixture app = new Fixture();
    private final Samples.ConsentService consent = new Samples.ConsentService();

    @AfterEach
    void close() {
        app.close();
    }

    private static Object intercept(FakeInvocation invocation) throws Exception {
        return new InteractionInterceptor().recoverStaleSession(invocation);
    }

    @Test
    @DisplayName("C1/B4 navigation: a stale exception from a void method becomes a 303 to the @Interaction target, "
            + "written before anyone else can; the method returns null; one SessionEnded")
    void navigationRecoveryIsWrittenToTheExchange() throws Exception {
        app.withSession().bind();

        Object result = intercept(FakeInvocation.throwing(consent, "confirm", new SessionNotFoundException("gone")));

        assertNull(result);
        assertEquals(303, app.response.getStatus());
        assertEquals("/app/authorize", app.response.getHeader("Location"));
        assertEquals("no-store", app.response.getHeader("Cache-Control"));
        List<String> cookies = app.response.raw("Set-Cookie");
        assertEquals(EXPIRED_SESSION_COOKIE, cookies.get(0));
        assertTrue(cookies.get(1).startsWith("staleguard-retry="), cookies.toString());
        assertTrue(app.response.isCommitted(), "written and flushed before the caller continues");
        assertTrue(app.session.isInvalid());
        assertEquals(1, app.events.size());
        assertEquals(EndReason.NOT_FOUND, app.events.get(0).reason());
    }

    @Test
    @DisplayName("C1/B4 API: a script call gets 401 problem+json with Session-Restart and the cookie expiry")
    void apiRecoveryIsAProblemDocument() throws Exception {
        app.api().bind();

        assertNull(intercept(FakeInvocation.throwing(consent, "confirm",
                new SessionNotFoundException(EndReason.INVALID_SIGNATURE, "bad signature"))));

        assertEquals(401, app.response.getStatus());
        assertEquals("application/problem+json;charset=UTF-8", app.response.getContentType());
        assertEquals("/app/authorize", app.response.getHeader("Session-Restart"));
        assertEquals(EXPIRED_SESSION_COOKIE, app.response.raw("Set-Cookie").get(0));
        String body = app.response.getContentAsString();
        assertTrue(body.contains("\"status\":401"), body);
        assertTrue(body.contains("\"reason\":\"INVALID_SIGNATURE\""), body);
        assertTrue(body.contains("\"restart\":\"/app/authorize\""), body);
        assertEquals(List.of(EndReason.INVALID_SIGNATURE), app.events.stream().map(e -> e.reason()).toList());
    }

    @Test
    @DisplayName("C1/B1 the cause chain counts: a ServletException wrapping the stale exception is recovered")
    void staleCauseIsFound() throws Exception {
        app.bind();

        intercept(FakeInvocation.throwing(consent, "confirm",
                new ServletException("wrapped", new IllegalStateException(new SessionNotFoundException("gone")))));

        assertEquals(303, app.response.getStatus());
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("C1/B1 an exception named in stale-exceptions is recovered like SessionNotFoundException")
    void configuredStaleExceptionIsRecovered() throws Exception {
        app.initParams.put("stale-exceptions", InteractionNotFound.class.getName());
        app.bind();

        intercept(FakeInvocation.throwing(consent, "confirm", new InteractionNotFound()));

        assertEquals(303, app.response.getStatus());
        assertEquals(1, app.events.size());
    }

    /** An application's own "not found", as in incident 1. */
    static final class InteractionNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    @DisplayName("C1/T1 a transient failure passes through untouched, even with a stale exception in its cause chain")
    void transientPassesThroughUntouched() throws Exception {
        app.withSession().bind();
        StoreUnavailableException outage = new StoreUnavailableException("store timed out",
                new SessionNotFoundException("replica has not seen it yet"));

        Exception thrown = assertThrows(Exception.class,
                () -> intercept(FakeInvocation.throwing(consent, "confirm", outage)));

        assertSame(outage, thrown);
        assertUntouched();
        assertFalse(app.session.isInvalid());
    }

    @Test
    @DisplayName("C1/T1 an exception named in transient-exceptions wins over a stale one, and passes untouched")
    void configuredTransientWins() throws Exception {
        app.bind();
        SQLTransientConnectionException outage = new SQLTransientConnectionException("connection reset");
        outage.initCause(new SessionNotFoundException("gone"));

        assertSame(outage, assertThrows(Exception.class,
                () -> intercept(FakeInvocation.throwing(consent, "confirm", outage))));
        assertUntouched();
    }

    @Test
    @DisplayName("C1 an unrelated exception is rethrown as it is, with nothing touched")
    void otherExceptionsPassThrough() throws Exception {
        app.bind();
        IOException failure = new IOException("disk full");

        assertSame(failure, assertThrows(Exception.class,
                () -> intercept(FakeInvocation.throwing(consent, "confirm", failure))));
        assertUntouched();
    }

    @Test
    @DisplayName("C1 a method that returns normally returns its own value; the exchange is not touched")
    void normalReturnIsUntouched() throws Exception {
        app.bind();
        FakeInvocation invocation = FakeInvocation.of(consent, "render", () -> "the page");

        assertEquals("the page", intercept(invocation));

        assertEquals(1, invocation.proceeded);
        assertUntouched();
    }

    @Test
    @DisplayName("C1/B5 the class's @Interaction target applies to its methods; a method's own replaces it")
    void classLevelTargetAndMethodOverride() throws Exception {
        app.bind();
        intercept(FakeInvocation.throwing(new Samples.ClassLevel(), "step", new SessionNotFoundException("gone")));
        assertEquals("/app/start", app.response.getHeader("Location"));

        try (Fixture other = new Fixture()) {
            other.bind();
            intercept(FakeInvocation.throwing(new Samples.ClassLevel(), "own", new SessionNotFoundException("gone")));
            assertEquals("/app/method", other.response.getHeader("Location"));
        }
    }

    @Test
    @DisplayName("C1/B5 a target also comes from a superclass, a stereotype, or an interceptor binding carrying @Interaction")
    void targetThroughInheritanceStereotypeAndBinding() throws Exception {
        Object[][] cases = { { new Samples.InheritsClassLevel() { }, "/app/start" },
                { new Samples.ViaStereotype(), "/app/stereotype" }, { new Samples.ViaBinding(), "/app/carried" } };
        for (Object[] c : cases) {
            try (Fixture f = new Fixture()) {
                f.bind();
                intercept(FakeInvocation.throwing(c[0], "step", new SessionNotFoundException("gone")));
                assertEquals(c[1], f.response.getHeader("Location"), c[0].getClass().getName());
            }
        }
    }

    @Test
    @DisplayName("C1/B5 without a target on @Interaction the usual order applies: restart-url from the configuration")
    void noTargetFallsBackToConfiguration() throws Exception {
        app.initParams.put("restart-url", "/login");
        app.bind();

        intercept(FakeInvocation.throwing(consent, "noTarget", new SessionNotFoundException("gone")));

        assertEquals("/app/login", app.response.getHeader("Location"));
    }

    @Test
    @DisplayName("C1 JAX-RS: a method returning Response returns the 303 with every cookie expiry as its own header, "
            + "and the servlet response is reset, not written")
    void responseMethodGetsTheRecoveryAsItsResult() throws Exception {
        app.bind();
        app.response.addHeader("Set-Cookie", "JSESSIONID=brand-new-id; Path=/app");
        app.response.addHeader("X-Written-Before", "yes");

        Object result = intercept(FakeInvocation.throwing(consent, "confirmApi", new SessionNotFoundException("gone")));

        Response response = assertInstanceOf(Response.class, result);
        assertEquals(303, response.getStatus());
        assertEquals("/app/authorize", response.getHeaderString("Location"));
        assertEquals("no-store", response.getHeaderString("Cache-Control"));
        List<String> cookies = response.getStringHeaders().get("Set-Cookie");
        assertEquals(2, cookies.size(), cookies.toString());
        assertEquals(EXPIRED_SESSION_COOKIE, cookies.get(0));
        assertTrue(cookies.get(1).startsWith("staleguard-retry="));
        assertEquals("text/html;charset=UTF-8", response.getMediaType().toString());
        // B3: what the request wrote before it failed is gone; the JAX-RS runtime writes the rest.
        assertTrue(app.response.raw("Set-Cookie").isEmpty());
        assertNull(app.response.getHeader("X-Written-Before"));
        assertEquals(200, app.response.getStatus());
        assertFalse(app.response.isCommitted());
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("C1 JAX-RS API call: the returned Response is the 401 problem document with Session-Restart")
    void responseMethodApiCall() throws Exception {
        app.api().bind();

        Response response = (Response) intercept(
                FakeInvocation.throwing(consent, "confirmApi", new SessionNotFoundException("gone")));

        assertEquals(401, response.getStatus());
        assertEquals("application/problem+json;charset=UTF-8", response.getMediaType().toString());
        assertEquals("/app/authorize", response.getHeaderString("Session-Restart"));
        assertTrue(((String) response.getEntity()).contains("\"reason\":\"NOT_FOUND\""));
        assertEquals(EXPIRED_SESSION_COOKIE, response.getStringHeaders().get("Set-Cookie").get(0));
    }

    @Test
    @DisplayName("C1 JAX-RS without the filter on the thread: the request comes from CDI and the context's engine")
    void responseMethodWithoutExchange() throws Exception {
        app.start();

        Object result = InteractionRecovery.recover(FakeInvocation.of(consent, "confirmApi", () -> null),
                new SessionNotFoundException("gone"), () -> app.request);

        Response response = assertInstanceOf(Response.class, result);
        assertEquals(303, response.getStatus());
        assertEquals("/app/authorize", response.getHeaderString("Location"));
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("C1 outside any request (no exchange, no CDI request) the exception is rethrown untouched")
    void noRequestRethrows() {
        SessionNotFoundException gone = new SessionNotFoundException("gone");

        assertSame(gone, assertThrows(Exception.class,
                () -> intercept(FakeInvocation.throwing(consent, "confirm", gone))));
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("C1/E1 a primitive return type cannot return null: the filter recovers with the @Interaction "
            + "target, and fires exactly one SessionEnded")
    void primitiveMethodLeavesTheRecoveryToTheFilter() throws Exception {
        StaleSessionFilter filter = new StaleSessionFilter();
        filter.init(new MockFilterConfig(app.context, "staleguard"));
        try {
            filter.doFilter(app.request, app.response, (req, res) -> {
                try {
                    intercept(FakeInvocation.throwing(consent, "count", new SessionNotFoundException("gone")));
                } catch (RuntimeException | ServletException | IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ServletException(e);
                }
            });
        } finally {
            filter.destroy();
        }

        assertEquals(303, app.response.getStatus());
        assertEquals("/app/authorize", app.response.getHeader("Location"));
        assertEquals(EXPIRED_SESSION_COOKIE, app.response.raw("Set-Cookie").get(0));
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("C1/B3/E1 a committed response: the session still ends (one event), the exception goes on with the "
            + "target for the filter, which does not end it a second time")
    void committedResponse() throws Exception {
        StaleSessionFilter filter = new StaleSessionFilter();
        filter.init(new MockFilterConfig(app.context, "staleguard"));
        SessionNotFoundException gone = new SessionNotFoundException("gone");
        try {
            ServletException escaped = assertThrows(ServletException.class,
                    () -> filter.doFilter(app.request, app.response, (req, res) -> {
                        res.getOutputStream().write("half a page".getBytes());
                        res.flushBuffer();
                        try {
                            intercept(FakeInvocation.throwing(consent, "confirm", gone));
                        } catch (SessionNotFoundException e) {
                            throw new ServletException(e);
                        } catch (Exception e) {
                            throw new AssertionError("the stale exception itself must go on", e);
                        }
                    }));
            assertSame(gone, escaped.getCause());
        } finally {
            filter.destroy();
        }

        assertEquals("/authorize", RequestState.restartOverrideOf(app.request));
        assertEquals(200, app.response.getStatus());
        assertTrue(app.response.raw("Set-Cookie").isEmpty());
        assertEquals(1, app.events.size());
    }

    @Test
    @DisplayName("C1 nested @Interaction: the innermost target reaches the filter, an outer one does not replace it")
    void innermostTargetWins() throws Exception {
        app.bind();
        app.response.setCommitted(true);
        SessionNotFoundException gone = new SessionNotFoundException("gone");

        assertThrows(SessionNotFoundException.class,
                () -> intercept(FakeInvocation.throwing(consent, "count", gone)));
        assertThrows(SessionNotFoundException.class,
                () -> intercept(FakeInvocation.throwing(consent, "outer", gone)));

        assertEquals("/authorize", RequestState.restartOverrideOf(app.request));
    }

    @Test
    @DisplayName("C1 Faces: after writing the recovery the Faces request is marked complete, so no view is rendered over it")
    void facesResponseIsCompleted() throws Exception {
        app.bind();
        RecordingFacesContext faces = new RecordingFacesContext();
        try {
            intercept(FakeInvocation.throwing(consent, "confirm", new SessionNotFoundException("gone")));
        } finally {
            faces.release();
        }

        assertTrue(faces.completed);
        assertEquals(303, app.response.getStatus());
    }

    @Test
    @DisplayName("C1 a recovery that replaces the exception marks the active transaction rollback-only, as the "
            + "exception would have (servlet path and JAX-RS path)")
    void activeTransactionIsRolledBack() throws Exception {
        try (FakeTransactions tx = FakeTransactions.bind(Status.STATUS_ACTIVE)) {
            app.bind();
            intercept(FakeInvocation.throwing(consent, "confirm", new SessionNotFoundException("gone")));
            assertEquals(303, app.response.getStatus());
            assertEquals(Status.STATUS_MARKED_ROLLBACK, tx.status);
        }
        try (FakeTransactions tx = FakeTransactions.bind(Status.STATUS_ACTIVE); Fixture other = new Fixture()) {
            other.bind();
            assertInstanceOf(Response.class,
                    intercept(FakeInvocation.throwing(consent, "confirmApi", new SessionNotFoundException("gone"))));
            assertEquals(Status.STATUS_MARKED_ROLLBACK, tx.status);
        }
    }

    @Test
    @DisplayName("C1 no transaction is touched when the exception goes on (transient), or when there is none")
    void transactionsLeftAloneOtherwise() throws Exception {
        try (FakeTransactions tx = FakeTransactions.bind(Status.STATUS_ACTIVE)) {
            app.bind();
            assertThrows(StoreUnavailableException.class, () -> intercept(
                    FakeInvocation.throwing(consent, "confirm", new StoreUnavailableException("store down"))));
            assertEquals(0, tx.rollbackOnlyCalls);
        }
        try (FakeTransactions tx = FakeTransactions.bind(Status.STATUS_NO_TRANSACTION); Fixture other = new Fixture()) {
            other.bind();
            intercept(FakeInvocation.throwing(consent, "confirm", new SessionNotFoundException("gone")));
            assertEquals(303, other.response.getStatus());
            assertEquals(0, tx.rollbackOnlyCalls);
        }
    }

    private void assertUntouched() {
        assertEquals(200, app.response.getStatus());
        assertTrue(app.response.getHeaderNames().isEmpty(), app.response.getHeaderNames().toString());
        assertFalse(app.response.isCommitted());
        assertNull(RequestState.restartOverrideOf(app.request));
        assertTrue(app.events.isEmpty());
    }

    /** The current FacesContext of a Faces request, reduced to what the interceptor may call. */
    static final class RecordingFacesContext extends FacesContextWrapper {
        boolean completed;

        RecordingFacesContext() {
            super(null);
            setCurrentInstance(this);
        }

        @Override
        public void responseComplete() {
            completed = true;
        }

        @Override
        public void release() {
            FacesContext.setCurrentInstance(null);
        }
    }
}
