package io.staleguard;

import static io.staleguard.RollingApp.ok;
import static io.staleguard.RollingApp.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.store.TestStores;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.MutableClock;

/** Store round trips per request, counted by a wrapper around the store: the cost of rolling, and of not rolling. */
@DisplayName("Round trips: one store call per rolling request; none when off, excluded or within touch-interval")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundTripTest {

    static final int REQUESTS = 100;

    final MutableClock clock = MutableClock.atNow();
    final InMemorySessionStore memory = TestStores.inMemory(clock);
    final CountingStore store = new CountingStore(memory);
    final List<String> summary = new CopyOnWriteArrayList<>();
    RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @AfterAll
    void report() {
        System.out.println();
        System.out.println("=== Store round trips (" + REQUESTS + " requests each, counted around the store) ===");
        summary.forEach(System.out::println);
    }

    String live() {
        String id = "s" + System.nanoTime();
        memory.create(id, StoredSession.startingAt(clock.instant(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }

    int run(String label, String path, String id, Duration step) throws Exception {
        store.reset();
        for (int i = 0; i < REQUESTS; i++) {
            app.run(withSession(path, id), ok());
            clock.advance(step);
        }
        int calls = store.calls();
        summary.add(String.format(Locale.ROOT, "round trips: %-30s %d/%d = %.2f per request", label, calls, REQUESTS,
                calls / (double) REQUESTS));
        return calls;
    }

    @Test
    @DisplayName("R2: exactly one store call per rolling request, live or gone")
    void rolling() throws Exception {
        app = RollingApp.start(store, "rolling", "true").clock(clock);
        String id = live();
        assertEquals(REQUESTS, run("rolling=true, live session", "/page", id, Duration.ofSeconds(10)));
        assertEquals(REQUESTS, store.touches.get(), "and every one is a touch");
        memory.delete(id);
        assertEquals(REQUESTS, run("rolling=true, gone session", "/page", id, Duration.ofSeconds(10)));
    }

    @Test
    @DisplayName("R1: zero store calls with rolling=false")
    void off() throws Exception {
        app = RollingApp.start(store, "rolling", "false").clock(clock);
        assertEquals(0, run("rolling=false", "/page", live(), Duration.ofSeconds(10)));
    }

    @Test
    @DisplayName("R2: zero store calls on rolling-exclude paths")
    void excluded() throws Exception {
        app = RollingApp.start(store, "rolling", "true", "rolling-exclude", "/static/*").clock(clock);
        assertEquals(0, run("rolling-exclude (/static/*)", "/static/app.js", live(), Duration.ofSeconds(10)));
    }

    @Test
    @DisplayName("R7: zero store calls within touch-interval, after the first touch")
    void interval() throws Exception {
        app = RollingApp.start(store, "rolling", "true", "touch-interval", "PT5M").clock(clock);
        String id = live();
        app.run(withSession("/page", id), ok());
        assertEquals(0, run("within touch-interval (PT5M)", "/page", id, Duration.ofSeconds(1)));
        clock.advance(Duration.ofMinutes(5));
        store.reset();
        app.run(withSession("/page", id), ok());
        assertEquals(1, store.calls(), "and one again once the interval has passed");
        assertEquals(Instant.ofEpochMilli(clock.millis()).plus(Duration.ofMinutes(30)),
                memory.lookup(id).orElseThrow().expiresAt());
    }
}
