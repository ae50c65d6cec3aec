package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.store.TestStores;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.MutableClock;
import io.staleguard.testing.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The jar's two drop-in registrations, both active: the drop-in {@code StaleSessionFilter} does the rolling filter's
 * work as well, in the same order, and its B2 check reads the touch's answer. Compared with the same configuration
 * registered as the application's own two filters, which must behave identically but ask the store twice.
 */
@DisplayName("The two drop-ins together: one filter's work, one store call per request")
class DropInsTogetherTest {

    private static final String[] CONFIGURATION = { "rolling", "true", "interaction-paths", "/page/*" };

    private final MutableClock clock = MutableClock.atNow();
    private final InMemorySessionStore memory = TestStores.inMemory(clock);
    private final CountingStore store = new CountingStore(memory);
    private RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private String newSession() {
        String id = "s" + System.nanoTime();
        memory.create(id, StoredSession.startingAt(clock.instant(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }

    private RollingApp dropIns() throws Exception {
        app = RollingApp.dropIns(store, CONFIGURATION).clock(clock);
        return app;
    }

    private RollingApp ownRegistrations() throws Exception {
        app = RollingApp.start(store, CONFIGURATION).clock(clock);
        return app;
    }

    @Test
    @DisplayName("R2 with B2: a live session on an interaction path costs one touch and no lookup; its cookie is "
            + "refreshed once, exactly as with the two filters registered apart (one lookup and one touch)")
    void liveSessionOneStoreCall() throws Exception {
        String id = newSession();
        ownRegistrations();
        store.reset();
        RawResponse apart = app.run(RollingApp.withSession("/page/1", id), RollingApp.ok());
        assertEquals(List.of(1, 1), List.of(store.lookups.get(), store.touches.get()), "apart: lookups, touches");
        app.close();

        dropIns();
        store.reset();
        RawResponse together = app.run(RollingApp.withSession("/page/1", id), RollingApp.ok());

        assertEquals(List.of(0, 0, 1), List.of(store.lookups.get(), store.authoritativeLookups.get(),
                store.touches.get()), "together: lookups, authoritative lookups, touches");
        assertEquals(200, together.getStatus());
        assertEquals(apart.headers("Set-Cookie"), together.headers("Set-Cookie"));
        assertEquals(1, together.headers("Set-Cookie").size(), together.headers("Set-Cookie").toString());
        assertEquals(apart.headers("Cache-Control"), together.headers("Cache-Control"));
        assertEquals(apart.headers("Vary"), together.headers("Vary"));
    }

    @Test
    @DisplayName("B2 with R3: a gone session on an interaction path is recovered as apart (same status, headers "
            + "and one SessionEnded), with the touch's answer instead of a lookup, and no refreshed cookie")
    void goneSessionRecoveredAlike() throws Exception {
        ownRegistrations();
        RawResponse apart = app.run(RollingApp.navigate("/page/1", RollingApp.COOKIE, "gone-1"), RollingApp.ok());
        List<SessionEnded> apartEvents = List.copyOf(app.events);
        app.close();

        dropIns();
        store.reset();
        RawResponse together = app.run(RollingApp.navigate("/page/1", RollingApp.COOKIE, "gone-1"), RollingApp.ok());

        assertEquals(303, apart.getStatus());
        assertEquals(apart.getStatus(), together.getStatus());
        assertEquals(apart.headers("Location"), together.headers("Location"));
        assertEquals(apart.headers("Set-Cookie"), together.headers("Set-Cookie"));
        assertTrue(together.headers("Set-Cookie").stream().filter(h -> h.startsWith(RollingApp.COOKIE + "="))
                .allMatch(h -> h.startsWith(RollingApp.COOKIE + "=; Max-Age=0;")), together.headers("Set-Cookie")
                        .toString());
        assertEquals(List.of(0, 0, 1), List.of(store.lookups.get(), store.authoritativeLookups.get(),
                store.touches.get()), "together: lookups, authoritative lookups, touches");
        assertEquals(1, apartEvents.size());
        assertEquals(1, app.events.size());
        assertEquals(apartEvents.get(0).reason(), app.events.get(0).reason());
    }

    @Test
    @DisplayName("R3: Staleguard.logout inside the application works through the combined filter's gate: the "
            + "session's record is deleted and the expiry comes after the refreshed cookie, exactly as apart")
    void logoutInside() throws Exception {
        String apartId = newSession();
        ownRegistrations();
        RawResponse apart = app.run(RollingApp.withSession("/other", apartId), RollingApp.logout());
        app.close();

        String id = newSession();
        dropIns();
        RawResponse r = app.run(RollingApp.withSession("/other", id), RollingApp.logout());

        assertEquals(200, r.getStatus());
        assertTrue(memory.lookup(id).isEmpty(), "record deleted");
        assertEquals(apart.headers("Set-Cookie").toString().replace(apartId, id), r.headers("Set-Cookie").toString());
        List<String> cookies = r.headers("Set-Cookie");
        assertTrue(cookies.get(cookies.size() - 1).startsWith(RollingApp.COOKIE + "=; Max-Age=0;"), cookies.toString());
    }

    @Test
    @DisplayName("the drop-in RollingSessionFilter lets the request pass: outside interaction paths one touch, one "
            + "refreshed cookie")
    void rollingDropInPasses() throws Exception {
        String id = newSession();
        dropIns();
        store.reset();
        RawResponse r = app.run(RollingApp.withSession("/other", id), RollingApp.ok());

        assertEquals(1, store.touches.get());
        assertEquals(0, store.lookups.get());
        assertEquals(1, r.headers("Set-Cookie").size(), r.headers("Set-Cookie").toString());
        assertTrue(r.headers("Set-Cookie").get(0).startsWith(RollingApp.COOKIE + "=" + id + "; Max-Age="));
    }
}
