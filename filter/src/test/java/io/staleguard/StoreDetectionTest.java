package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static io.staleguard.RollingApp.navigate;
import static io.staleguard.RollingApp.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("B2 in store mode: the store decides whether an interaction's session is gone")
class StoreDetectionTest {

    final InMemorySessionStore memory = new InMemorySessionStore();
    final CountingStore store = new CountingStore(memory);
    RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    String live() {
        String id = "s" + System.nanoTime();
        memory.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }

    @Test
    @DisplayName("B2: a session cookie the store does not know is recovered before the application runs")
    void gone() throws Exception {
        app = RollingApp.start(store, "interaction-paths", "/consent/*");
        RawResponse r = app.run(navigate("/consent/confirm", COOKIE, "deleted-id"), (req, res) -> {
            throw new AssertionError("not called");
        });
        assertEquals(303, r.getStatus());
        assertTrue(r.setCookies(COOKIE).get(0).startsWith(COOKIE + "=; Max-Age=0"));
        assertEquals(EndReason.NOT_FOUND, app.events.get(0).reason());
        assertEquals(1, store.lookups.get());
        assertEquals(1, store.authoritativeLookups.get(), "T2: confirmed on the primary before cleaning up");
    }

    @Test
    @DisplayName("B2: a live session in the store lets the interaction through, with one lookup")
    void alive() throws Exception {
        app = RollingApp.start(store, "interaction-paths", "/consent/*");
        RawResponse r = app.run(navigate("/consent/confirm", COOKIE, live()), ok());
        assertEquals(200, r.getStatus());
        assertEquals(1, store.calls());
    }

    @Test
    @DisplayName("B2: with several same-name cookies the session is alive if any of them is")
    void anyAlive() throws Exception {
        app = RollingApp.start(store, "interaction-paths", "/consent/*");
        RawResponse r = app.run(navigate("/consent/confirm", COOKIE, "dead-one", COOKIE, live()), ok());
        assertEquals(200, r.getStatus());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("T2: 'not found' on a replica is not 'gone' when the primary has it")
    void replicaLag() throws Exception {
        String id = live();
        SessionStore laggingReplica = new SessionStore() {
            @Override
            public Optional<StoredSession> lookup(String i) {
                return Optional.empty();
            }

            @Override
            public Optional<StoredSession> lookupAuthoritative(String i) {
                return memory.lookup(i);
            }

            @Override
            public TouchResult touchIfPresent(String i, Instant newExpiry) {
                return memory.touchIfPresent(i, newExpiry);
            }

            @Override
            public void delete(String i) {
                memory.delete(i);
            }
        };
        app = RollingApp.start(laggingReplica, "interaction-paths", "/consent/*");
        assertEquals(200, app.run(navigate("/consent/confirm", COOKIE, id), ok()).getStatus());
    }

    @Test
    @DisplayName("T1: an unavailable store is never 'gone': the interaction proceeds, nothing is expired")
    void unavailable() throws Exception {
        SessionStore down = new SessionStore() {
            @Override
            public Optional<StoredSession> lookup(String i) {
                throw new StoreUnavailableException("timeout");
            }

            @Override
            public TouchResult touchIfPresent(String i, Instant newExpiry) {
                throw new StoreUnavailableException("timeout");
            }

            @Override
            public void delete(String i) {
                throw new AssertionError("nothing is deleted");
            }
        };
        app = RollingApp.start(down, "interaction-paths", "/consent/*");
        RawResponse r = app.run(navigate("/consent/confirm", COOKIE, "abc"), ok());
        assertEquals(200, r.getStatus());
        assertTrue(r.headers("Set-Cookie").isEmpty());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("B2: a store-mode recovery reports the store's session (its cookie), not the container's")
    void eventNamesStoreSession() throws Exception {
        app = RollingApp.start(store, "interaction-paths", "/consent/*");
        app.run(navigate("/consent/confirm", COOKIE, "gone-id"), ok());
        assertEquals(io.staleguard.internal.http.SessionIds.hash("gone-id"), app.events.get(0).sessionIdHash());
    }
}
