package io.staleguard.internal.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.SessionStore.TouchResult;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.CountingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link SingleFlightTouch}, each scenario made deterministic by a store whose first touch holds until the test lets
 * it go: the requests of a burst share a touch; a request that arrives after a logout never gets the answer of a touch
 * sent before it (and a foil that joins any touch in flight does, which shows the scenario can see it); failures reach
 * every request of a flight as they are; no wait is unbounded; nothing is left behind.
 */
@DisplayName("R2, R3, R9: single flight per session id in the rolling touch")
class SingleFlightTouchTest {

    private static final String ID = "single-flight-session";
    /** Longer than any test takes: the scenarios decide when a flight lands, not the bound (tested on its own). */
    private static final Duration PATIENT = Duration.ofSeconds(30);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final InMemorySessionStore memory = new InMemorySessionStore();
    private final HeldStore held = new HeldStore(memory);

    @AfterEach
    void stop() {
        held.release();
        threads.shutdownNow();
    }

    private void createSession() {
        memory.create(ID, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
    }

    private static Instant wanted() {
        return Instant.now().plus(Duration.ofMinutes(30));
    }

    /** The touch under test, or the foil. */
    @FunctionalInterface
    interface Touch {
        TouchResult touch(String id, Instant newExpiry);
    }

    @Test
    @DisplayName("Six concurrent requests of one session: two store writes, one for the first, one for the five that "
            + "arrived while it was in the air; every request touched")
    void aBurstOfSixCostsTwoWrites() throws Exception {
        createSession();
        SingleFlightTouch touches = new SingleFlightTouch(held, PATIENT);
        Future<TouchResult> first = threads.submit(() -> touches.touch(ID, wanted()));
        held.awaitHeld();
        List<Future<TouchResult>> rest = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rest.add(threads.submit(() -> touches.touch(ID, wanted())));
        }
        awaitWaiting(5);
        held.release();
        assertTrue(first.get(10, TimeUnit.SECONDS).isTouched());
        for (Future<TouchResult> f : rest) {
            assertTrue(f.get(10, TimeUnit.SECONDS).isTouched());
        }
        assertEquals(2, held.counting.touches.get(), "store writes for 6 concurrent requests");
        assertEquals(0, touches.inFlight());
    }

    @Test
    @DisplayName("One request alone: one write, and nothing remembered afterwards")
    void aLoneRequestCostsOneWrite() {
        createSession();
        SingleFlightTouch touches = new SingleFlightTouch(held, PATIENT);
        held.release();
        for (int i = 0; i < 3; i++) {
            assertTrue(touches.touch(ID, wanted()).isTouched());
        }
        assertEquals(3, held.counting.touches.get());
        assertEquals(0, touches.inFlight());
    }

    @Test
    @DisplayName("R3: a request arriving after the logout's delete is gone, though a touch sent before the logout is "
            + "still in the air and answers touched")
    void aRequestAfterTheLogoutNeverSharesAnEarlierTouch() throws Exception {
        SingleFlightTouch touches = new SingleFlightTouch(held, PATIENT);
        LogoutRace race = logoutRace(touches::touch);
        assertTrue(race.before.isTouched(), "the touch sent before the logout ran first and was right");
        assertTrue(race.after.isGone(), "a request that arrived after the logout must see the session gone");
        assertFalse(memory.lookup(ID).isPresent(), "R2: the logout's delete stands");
        assertEquals(0, touches.inFlight());
    }

    @Test
    @DisplayName("Foil: joining whatever touch is in the air lets the request after the logout through (the scenario "
            + "sees the bug it guards against)")
    void theJoinAnyFoilFails() throws Exception {
        LogoutRace race = logoutRace(new JoinAnyInFlightFoil(held)::touch);
        assertTrue(race.before.isTouched());
        assertTrue(race.after.isTouched(), "the foil hands the pre-logout answer to a post-logout request");
    }

    /** The touch before the logout is in the air (it has touched), the logout deletes, then a request arrives. */
    private LogoutRace logoutRace(Touch touch) throws Exception {
        createSession();
        Future<TouchResult> before = threads.submit(() -> touch.touch(ID, wanted()));
        held.awaitHeld();
        memory.delete(ID);
        Future<TouchResult> after = threads.submit(() -> touch.touch(ID, wanted()));
        awaitWaiting(1);
        held.release();
        return new LogoutRace(before.get(10, TimeUnit.SECONDS), after.get(10, TimeUnit.SECONDS));
    }

    private record LogoutRace(TouchResult before, TouchResult after) {
    }

    @Test
    @DisplayName("R4, T1: a transient failure reaches every request of its flight as the same exception")
    void aFailureIsSharedAsItIs() throws Exception {
        createSession();
        StoreUnavailableException down = new StoreUnavailableException("down for the test");
        held.failWith(down);
        SingleFlightTouch touches = new SingleFlightTouch(held, PATIENT);
        Future<TouchResult> first = threads.submit(() -> touches.touch(ID, wanted()));
        held.awaitHeld();
        List<Future<TouchResult>> rest = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rest.add(threads.submit(() -> touches.touch(ID, wanted())));
        }
        awaitWaiting(3);
        held.release();
        assertSame(down, failure(first));
        for (Future<TouchResult> f : rest) {
            assertSame(down, failure(f), "joiners see what the store threw, for the same classification");
        }
        assertEquals(2, held.counting.touches.get());
        assertEquals(0, touches.inFlight());
    }

    @Test
    @DisplayName("Bounded: a touch stuck in the store holds the next flight back only for the wait, never longer")
    void aStuckTouchDelaysOthersBoundedly() throws Exception {
        createSession();
        SingleFlightTouch touches = new SingleFlightTouch(held, Duration.ofMillis(50));
        Future<TouchResult> stuck = threads.submit(() -> touches.touch(ID, wanted()));
        held.awaitHeld();
        // The next request leads the next flight: it waits for the stuck one at most 50 ms, then touches itself.
        assertTrue(threads.submit(() -> touches.touch(ID, wanted())).get(10, TimeUnit.SECONDS).isTouched());
        assertFalse(stuck.isDone(), "the first touch is still stuck in the store");
        held.release();
        assertTrue(stuck.get(10, TimeUnit.SECONDS).isTouched());
        assertEquals(0, touches.inFlight());
    }

    private static Throwable failure(Future<TouchResult> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    /** Waits until {@code n} threads of the pool wait (on a flight's latch), besides the one held in the store. */
    private void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waitingOnFlights() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + n + " requests wait for a flight");
            }
            Thread.sleep(1);
        }
    }

    private static int waitingOnFlights() {
        int n = 0;
        for (var e : Thread.getAllStackTraces().entrySet()) {
            Thread.State state = e.getKey().getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                continue;
            }
            for (StackTraceElement frame : e.getValue()) {
                String name = frame.getClassName();
                if (name.equals(HeldStore.class.getName())) {
                    // the touch held in the store: in the air, not waiting for one
                    break;
                }
                if (name.equals(SingleFlightTouch.class.getName())
                        || name.startsWith(SingleFlightTouch.class.getName() + "$")
                        || name.equals(JoinAnyInFlightFoil.class.getName())) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * A store whose first touch runs against the real store and then holds (so it has taken effect but not answered)
     * until {@link #release()}; later touches run straight through.
     */
    static final class HeldStore implements SessionStore {

        final CountingStore counting;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger calls = new AtomicInteger();
        private volatile RuntimeException failure;

        HeldStore(SessionStore real) {
            this.counting = new CountingStore(real);
        }

        void failWith(RuntimeException e) {
            failure = e;
        }

        void awaitHeld() throws InterruptedException {
            assertTrue(held.await(10, TimeUnit.SECONDS), "the first touch never reached the store");
        }

        void release() {
            release.countDown();
        }

        @Override
        public TouchResult touchIfPresent(String id, Instant newExpiry) {
            RuntimeException fail = failure;
            TouchResult result = fail == null ? counting.touchIfPresent(id, newExpiry) : null;
            if (fail != null) {
                counting.touches.incrementAndGet();
            }
            if (calls.getAndIncrement() == 0) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail != null) {
                throw fail;
            }
            return result;
        }

        @Override
        public java.util.Optional<StoredSession> lookup(String id) {
            return counting.lookup(id);
        }

        @Override
        public void delete(String id) {
            counting.delete(id);
        }

        @Override
        public void create(String id, StoredSession session) {
            counting.create(id, session);
        }
    }

    /** The textbook single flight: anyone joins the touch in the air, whenever it was sent. Broken. */
    static final class JoinAnyInFlightFoil {

        private final SessionStore store;
        private final ConcurrentHashMap<String, CompletableFuture<TouchResult>> flights = new ConcurrentHashMap<>();

        JoinAnyInFlightFoil(SessionStore store) {
            this.store = store;
        }

        TouchResult touch(String id, Instant newExpiry) {
            CompletableFuture<TouchResult> mine = new CompletableFuture<>();
            CompletableFuture<TouchResult> flight = flights.putIfAbsent(id, mine);
            if (flight != null) {
                return flight.join();
            }
            try {
                TouchResult result = store.touchIfPresent(id, newExpiry);
                mine.complete(result);
                return result;
            } finally {
                flights.remove(id, mine);
            }
        }
    }
}
