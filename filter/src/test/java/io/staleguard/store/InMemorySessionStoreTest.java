package io.staleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.MutableClock;

@DisplayName("S1, S2: InMemorySessionStore")
class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore(MutableClock clock) {
        return TestStores.inMemory(clock);
    }

    @Test
    @DisplayName("S2: memory is bounded: a full store refuses new sessions as unavailable and keeps the live ones")
    void bounded() {
        InMemorySessionStore small = TestStores.inMemory(3, clock);
        for (int i = 0; i < 3; i++) {
            small.create("s" + i, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        }
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> small.create("s3", StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE)));
        assertTrue(e.getMessage().contains("maximum of 3"), e.getMessage());
        assertEquals(3, small.size());
        for (int i = 0; i < 3; i++) {
            assertTrue(small.lookup("s" + i).isPresent());
        }
    }

    @Test
    @DisplayName("S2: a full store sweeps expired records to make room")
    void fullStoreSweeps() {
        InMemorySessionStore small = TestStores.inMemory(2, clock);
        small.create("old", StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        clock.advance(Duration.ofMinutes(20));
        small.create("live", StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        clock.advance(Duration.ofMinutes(10));
        small.create("new", StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        assertEquals(2, small.size());
        assertTrue(small.lookup("live").isPresent());
        assertTrue(small.lookup("new").isPresent());
    }

    @Test
    @DisplayName("S2 (issue 12 item 12): a full store sweeps at most once a minute, not on every refused create")
    void fullStoreSweepsAtMostOnceAMinute() {
        InMemorySessionStore small = TestStores.inMemory(3, clock);
        for (int i = 0; i < 3; i++) {
            small.create("s" + i, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        }
        long before = small.sweeps();
        for (int i = 0; i < 1000; i++) {
            String id = "refused" + i;
            assertThrows(StoreUnavailableException.class,
                    () -> small.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE)));
        }
        assertEquals(0, small.sweeps() - before, "1000 refused creates within the minute: no sweep");

        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 1000; i++) {
            String id = "later" + i;
            assertThrows(StoreUnavailableException.class,
                    () -> small.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE)));
        }
        assertEquals(1, small.sweeps() - before, "a minute later: one sweep for 1000 refused creates");

        clock.advance(INACTIVITY);
        small.create("room", StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        assertTrue(small.lookup("room").isPresent(), "the due sweep still makes room once records expired");
    }

    @Test
    @DisplayName("S2: expired records are swept within a minute by ordinary calls, without a background thread")
    void sweptByTraffic() {
        InMemorySessionStore s = TestStores.inMemory(clock);
        for (int i = 0; i < 100; i++) {
            s.create("s" + i, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        }
        clock.advance(INACTIVITY.plusMinutes(1));
        assertEquals(100, s.size(), "nothing swept until a call comes along");
        s.lookup("unrelated");
        assertEquals(0, s.size());
    }

    @Test
    @DisplayName("S2: the bound holds exactly with many threads creating at once")
    void boundUnderConcurrency() throws Exception {
        InMemorySessionStore s = TestStores.inMemory(500, clock);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 1000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    try {
                        s.create("t" + (base + i), StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
                    } catch (StoreUnavailableException full) {
                        // expected once 500 are in
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(500, s.size());
    }
}
