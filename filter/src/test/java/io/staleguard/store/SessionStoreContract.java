package io.staleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.store.SessionStore.TouchResult;
import io.staleguard.testing.BadIds;
import io.staleguard.testing.MutableClock;

/**
 * S1: what every {@link SessionStore} must do, run against each implementation (public, and shared through the test
 * jar, for stores in other modules). Time is a {@link MutableClock}: no test waits for anything.
 */
public abstract class SessionStoreContract {

    protected static final Duration INACTIVITY = Duration.ofMinutes(30);
    protected static final Duration ABSOLUTE = Duration.ofHours(12);

    /** Ids a crafted cookie may carry, and the empty id. */
    static final List<String> BAD_IDS = java.util.stream.Stream.concat(BadIds.ALL.stream(), java.util.stream.Stream.of(""))
            .toList();

    protected MutableClock clock;
    protected SessionStore store;

    /** @return a store on {@code clock}, empty */
    protected abstract SessionStore newStore(MutableClock clock) throws Exception;

    @BeforeEach
    void newStore() throws Exception {
        clock = MutableClock.atNow();
        store = newStore(clock);
    }

    protected String create() {
        String id = "id-" + System.nanoTime();
        store.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        return id;
    }

    @Test
    @DisplayName("S1: lookup finds a live record with its three instants, to the millisecond")
    void lookupFound() {
        String id = create();
        Instant now = clock.instant();
        assertEquals(Optional.of(new StoredSession(now, now.plus(INACTIVITY), now.plus(ABSOLUTE))), store.lookup(id));
        assertEquals(store.lookup(id), store.lookupAuthoritative(id));
    }

    @Test
    @DisplayName("S1: lookup does not find unknown, deleted or expired records")
    void lookupNotFound() {
        assertTrue(store.lookup("never-existed").isEmpty());
        String deleted = create();
        store.delete(deleted);
        assertTrue(store.lookup(deleted).isEmpty());
        String expired = create();
        clock.advance(INACTIVITY);
        assertTrue(store.lookup(expired).isEmpty(), "expired at exactly expiresAt");
        assertTrue(store.lookupAuthoritative(expired).isEmpty());
    }

    @Test
    @DisplayName("S1: touchIfPresent extends a live record and reports the new expiry")
    void touch() {
        String id = create();
        clock.advance(Duration.ofMinutes(20));
        Instant wanted = clock.instant().plus(INACTIVITY);
        assertEquals(TouchResult.touched(wanted), store.touchIfPresent(id, wanted));
        assertEquals(wanted, store.lookup(id).orElseThrow().expiresAt());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.lookup(id).isPresent(), "alive thanks to the touch");
    }

    @Test
    @DisplayName("S1: touchIfPresent never creates a record: unknown, deleted and expired ids stay gone")
    void touchNeverCreates() {
        Instant wanted = clock.instant().plus(INACTIVITY);
        assertEquals(TouchResult.GONE, store.touchIfPresent("never-existed", wanted));
        assertTrue(store.lookup("never-existed").isEmpty());

        String deleted = create();
        store.delete(deleted);
        assertEquals(TouchResult.GONE, store.touchIfPresent(deleted, wanted));
        assertTrue(store.lookup(deleted).isEmpty());

        String expired = create();
        clock.advance(INACTIVITY.plusSeconds(1));
        assertEquals(TouchResult.GONE, store.touchIfPresent(expired, clock.instant().plus(INACTIVITY)));
        assertTrue(store.lookup(expired).isEmpty(), "an expired record is not brought back by a touch");
    }

    @Test
    @DisplayName("S1: a touch never extends a record beyond its absolute limit, and reports the limit")
    void touchCappedAtAbsolute() {
        String id = create();
        Instant limit = clock.instant().plus(ABSOLUTE);
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(29));
            store.touchIfPresent(id, clock.instant().plus(INACTIVITY));
        }
        clock.advance(Duration.ofMinutes(29)); // 11h36m: now + inactivity is past the limit
        assertEquals(TouchResult.touched(limit), store.touchIfPresent(id, clock.instant().plus(INACTIVITY)));
        assertEquals(limit, store.lookup(id).orElseThrow().expiresAt());
        assertEquals(TouchResult.touched(limit), store.touchIfPresent(id, clock.instant().plus(INACTIVITY)),
                "touching again at the limit still reports it");
        clock.advance(Duration.ofMinutes(24));
        assertEquals(TouchResult.GONE, store.touchIfPresent(id, clock.instant().plus(INACTIVITY)));
    }

    @Test
    @DisplayName("S1: delete removes the record; deleting a missing one is not an error")
    void delete() {
        String id = create();
        String other = create();
        store.delete(id);
        store.delete(id);
        store.delete("never-existed");
        assertTrue(store.lookup(id).isEmpty());
        assertTrue(store.lookup(other).isPresent());
    }

    @Test
    @DisplayName("S1: deleteIfPresent removes the record and answers true once; a second call, a missing or a crafted "
            + "id answer false")
    void deleteIfPresent() {
        String id = create();
        String other = create();
        assertTrue(store.deleteIfPresent(id));
        assertFalse(store.deleteIfPresent(id));
        assertFalse(store.deleteIfPresent("never-existed"));
        assertFalse(store.deleteIfPresent(null));
        for (String bad : BAD_IDS) {
            assertFalse(store.deleteIfPresent(bad), () -> "deleteIfPresent " + bad.length());
        }
        assertTrue(store.lookup(id).isEmpty());
        assertTrue(store.lookup(other).isPresent());
    }

    @Test
    @DisplayName("S1, I1 across nodes: threads racing deleteIfPresent on one record → exactly one true, every round")
    void deleteIfPresentRace() throws Exception {
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String id = create();
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return store.deleteIfPresent(id);
                    }));
                }
                int removed = 0;
                for (java.util.concurrent.Future<Boolean> answer : answers) {
                    removed += answer.get() ? 1 : 0;
                }
                assertEquals(1, removed, "round " + round);
                assertTrue(store.lookup(id).isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("S1: create refuses a live duplicate without naming the id, and reuses an expired id")
    void createDuplicate() {
        String id = create();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE)));
        assertFalse(e.getMessage().contains(id), e.getMessage());
        clock.advance(INACTIVITY);
        store.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        assertEquals(clock.instant(), store.lookup(id).orElseThrow().createdAt());
    }

    @Test
    @DisplayName("S1, bad input: crafted ids are not found, never touched, never an error, and touch nothing else")
    void badIds() {
        String victim = create();
        Instant wanted = clock.instant().plus(INACTIVITY);
        for (String bad : BAD_IDS) {
            assertTrue(store.lookup(bad).isEmpty(), () -> "lookup " + bad.length());
            assertTrue(store.lookupAuthoritative(bad).isEmpty());
            assertEquals(TouchResult.GONE, store.touchIfPresent(bad, wanted));
            store.delete(bad);
        }
        assertTrue(store.lookup(null).isEmpty());
        assertEquals(TouchResult.GONE, store.touchIfPresent(null, wanted));
        store.delete(null);
        assertTrue(store.lookup(victim).isPresent(), "the other session survived every crafted id");
    }

    @Test
    @DisplayName("S1: ids that cannot be stored are refused at create, without echoing them")
    void createRejectsInvalidIds() {
        for (String bad : List.of("CANARY\u0000", "CANARY\r\n", "CANARY " + "x", "CANARY" + "x".repeat(300), "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.create(bad, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE)));
            assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
        }
    }

    @Test
    @DisplayName("S1: ids are compared exactly: case matters (MariaDB needs its binary collation for that)")
    void exactIds() {
        store.create("CaseSensitive", StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        assertTrue(store.lookup("casesensitive").isEmpty());
        assertEquals(TouchResult.GONE, store.touchIfPresent("CASESENSITIVE", clock.instant().plus(INACTIVITY)));
        store.delete("casesensitive");
        assertTrue(store.lookup("CaseSensitive").isPresent());
    }

    @Test
    @DisplayName("S1: SQL metacharacters in a valid id are data: such a session can be created, touched and deleted")
    void metacharactersAreData() {
        String id = "a'b\"c;d--e/*f*/%_\\";
        assertTrue(SessionStore.isValidId(id));
        store.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        String other = create();
        assertTrue(store.touchIfPresent(id, clock.instant().plus(INACTIVITY)).isTouched());
        store.delete(id);
        assertTrue(store.lookup(id).isEmpty());
        assertTrue(store.lookup(other).isPresent());
    }
}
