package io.staleguard;

import static io.staleguard.RollingApp.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.Harness;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

/**
 * A container whose {@code HttpSession.invalidate()} throws after it has ended the session. Payara does: it expires
 * the session completely, then tells every request that used it; when one of those is being recycled at that moment
 * (its {@code Request.recycle()} clears the context before it resets the session tracker), the call ends in
 * {@code NullPointerException ... Response.getContext() is null}. Staleguard's own invalidations (a recovery, a
 * logout) must not turn that into a 500, and must not hide a failure that left the session alive.
 */
@DisplayName("A container that throws from invalidate() after ending the session (Payara's session-tracker race)")
class ContainerInvalidateFailureTest {

    private static final String SESSION_ID = "payara-session-id";

    /** Ends the session, then throws what Payara throws. */
    private static MockHttpSession endsThenThrows() {
        return new MockHttpSession(null, SESSION_ID) {
            @Override
            public void invalidate() {
                super.invalidate();
                throw new NullPointerException("Cannot invoke \"org.apache.catalina.Context.getSessionCookieName()\" "
                        + "because the return value of \"org.apache.catalina.connector.Response.getContext()\" is null");
            }
        };
    }

    @Test
    @DisplayName("Staleguard.logout: the session ends, the answer goes out with the cookie expired, one LOGGED_OUT, "
            + "one SG0014 warning without the session id")
    void logoutGoesOn() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore();
        store.create(SESSION_ID, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        MockHttpSession session = endsThenThrows();
        MockHttpServletRequest request = withSession("/logout", SESSION_ID);
        request.setSession(session);
        try (RollingApp app = RollingApp.start(store); LogCapture log = new LogCapture()) {
            RawResponse r = app.run(request, RollingApp.logout());

            assertEquals(200, r.getStatus());
            assertEquals(List.of(LogoutTest.EXPIRED), r.headers("Set-Cookie"));
            assertTrue(session.isInvalid());
            assertTrue(store.lookup(SESSION_ID).isEmpty(), "record deleted");
            assertEquals(List.of(EndReason.LOGGED_OUT), app.events.stream().map(SessionEnded::reason).toList());
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("SG0014: The container threw java.lang.NullPointerException"),
                    warnings.get(0));
            assertFalse(log.all().contains(SESSION_ID), "E2: no session id in the log");
            assertFalse(log.all().contains("getSessionCookieName"), "the class name only: " + log.all());
        }
    }

    @Test
    @DisplayName("I1 recovery after an identity switch: 401 with Session-Restart, one IDENTITY_CHANGED")
    void recoveryGoesOn() throws Exception {
        MockHttpSession session = endsThenThrows();
        session.setAttribute("user", "alice@example.com");
        MockHttpServletRequest request = Item16IdentityBurstTest.bobsApiCall(
                new MockHttpServletRequest("GET", "/app/api/docs"), SESSION_ID);
        request.setSession(session);
        try (Harness app = Harness.withInitParams("identity-header", "X-User", "identity-attribute", "user");
                LogCapture log = new LogCapture()) {
            RawResponse r = app.run(request, (req, res) -> res.setStatus(200));

            assertEquals(401, r.getStatus(), r.body());
            assertEquals(1, r.headers("Session-Restart").size());
            assertTrue(session.isInvalid());
            assertEquals(List.of(EndReason.IDENTITY_CHANGED), app.events.stream().map(SessionEnded::reason).toList());
            assertEquals(1, log.messages(Level.WARNING).size(), log.all());
        }
    }

    @Test
    @DisplayName("Foil: a container that throws and leaves the session alive → the exception reaches the caller; "
            + "nothing is announced")
    void failureThatLeavesTheSessionAliveIsNotHidden() throws Exception {
        MockHttpSession session = new MockHttpSession(null, SESSION_ID) {
            @Override
            public void invalidate() {
                throw new NullPointerException("nothing ended");
            }
        };
        MockHttpServletRequest request = withSession("/logout", SESSION_ID);
        request.setSession(session);
        try (RollingApp app = RollingApp.start(new InMemorySessionStore())) {
            assertThrows(NullPointerException.class, () -> app.run(request, RollingApp.logout()));
            assertFalse(session.isInvalid());
            assertEquals(List.of(), app.events);
        }
    }
}
