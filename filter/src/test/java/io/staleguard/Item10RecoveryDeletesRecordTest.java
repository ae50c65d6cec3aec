package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.TestStores;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.RawResponse;

/**
 * Issue 12, item 10: in store mode a recovery (an identity switch, a stale exception) deletes the session's record, so
 * the old user's session cannot be used for the rest of its inactivity window; once per session, however many
 * requests of a burst recover it.
 */
@DisplayName("Issue 12 item 10: a recovery deletes the store record, once per session")
class Item10RecoveryDeletesRecordTest {

    private final InMemorySessionStore memory = new InMemorySessionStore();
    private final CountingStore store = new CountingStore(memory);
    private RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private String live() {
        return TestStores.live(memory, Instant.now());
    }

    private static MockHttpServletRequest alice(String id) {
        MockHttpServletRequest r = RollingApp.navigate("/wiki", COOKIE, id);
        r.setRemoteAddr("127.0.0.1");
        r.addHeader("X-User", "bob@example.com");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute("user", "alice@example.com");
        r.setSession(session);
        return r;
    }

    @Test
    @DisplayName("Issue 12 item 10: IDENTITY_CHANGED in store mode deletes alice's record: one DELETE for a burst of "
            + "three requests carrying it, and the record is gone")
    void identitySwitchDeletesOnce() throws Exception {
        app = RollingApp.start(store, "identity-header", "X-User", "identity-attribute", "user");
        String id = live();
        for (int i = 0; i < 3; i++) {
            RawResponse r = app.run(alice(id), (req, res) -> res.setStatus(200));
            assertEquals(303, r.getStatus());
        }
        assertEquals(1, store.deletes.get(), "one DELETE per session");
        assertTrue(memory.lookupAuthoritative(id).isEmpty(), "alice's record is gone");
        assertEquals(1, app.events.size());
        assertEquals(EndReason.IDENTITY_CHANGED, app.events.get(0).reason());
    }

    @Test
    @DisplayName("Issue 12 item 10: a SessionNotFoundException in store mode deletes the record the cookie names")
    void staleExceptionDeletes() throws Exception {
        app = RollingApp.start(store);
        String id = live();
        RawResponse r = app.run(RollingApp.navigate("/consent", COOKIE, id), (req, res) -> {
            throw new SessionNotFoundException("the interaction is gone");
        });
        assertEquals(303, r.getStatus());
        assertEquals(1, store.deletes.get());
        assertTrue(memory.lookupAuthoritative(id).isEmpty());
    }
}
