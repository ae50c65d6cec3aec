package io.staleguard.internal.rolling;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.staleguard.store.SessionStore;
import io.staleguard.store.SessionStore.TouchResult;

/**
 * Rolling's touch, shared by the concurrent requests of one session (R9): a page whose scripts call six APIs at
 * once costs two or three store writes instead of six.
 * <p>
 * <b>Why a request may not simply wait for a touch already in flight.</b> A touch sent before a logout's delete may
 * answer "touched" after the delete: it was right when the store ran it. A request that arrived after the logout
 * (on this node or another) must see the session gone, so it cannot use that answer. The rule here: a request only
 * ever uses the answer of a touch that was <em>sent after the request arrived</em>. The answer then describes the
 * store at a moment within the request's own lifetime, exactly as if the request had sent it itself, so the
 * no-revival guarantee and the gone/touched outcome of every request are unchanged.
 * <p>
 * <b>How.</b> Per session id there is at most one <em>open</em> flight, one that has not been sent yet. A request that
 * finds one joins it and waits for its answer. A request that finds none (or only one already sent) opens the next
 * flight and leads it: it first lets the flight already in the air land (so that the requests arriving meanwhile
 * gather in its own), then closes its flight to newcomers and sends the one touch. So a burst whose requests all
 * arrive while the first touch is in the air costs two writes (the first request's, and one for everyone who arrived
 * meanwhile); requests spread over a longer time start one more flight per touch they outlast, never more writes than
 * requests.
 * <p>
 * <b>Bounds.</b> No lock is held across I/O: the map holds a flight per id only while it is open or in the air, and
 * waiting is on the flight's monitor, released while waiting. A leader waits at most {@link #MAX_WAIT} for the flight
 * before it; a joiner waits at most twice that for its own, then touches on its own, so a stuck store call delays the
 * others by a bounded time, never indefinitely. A failed touch is handed to every request of its flight as the same
 * exception, so the transient/gone classification (R4, T1) sees exactly what it would have seen. The expiry requested
 * is the leader's (computed when it arrived, at most a wait earlier than a joiner's).
 */
final class SingleFlightTouch implements Touch {

    /** The longest a flight's leader waits for the flight before it to land. */
    static final Duration MAX_WAIT = Duration.ofMillis(500);

    private final SessionStore store;
    private final long leaderWaitNanos;
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

    SingleFlightTouch(SessionStore store) {
        this(store, MAX_WAIT);
    }

    /** @param maxWait for tests: how long a leader waits for the flight before it */
    SingleFlightTouch(SessionStore store, Duration maxWait) {
        this.store = store;
        this.leaderWaitNanos = maxWait.toNanos();
    }

    /**
     * {@link SessionStore#touchIfPresent(String, Instant)}, sent after this call began, possibly on behalf of several
     * concurrent callers with the same id.
     *
     * @throws RuntimeException what the store's touch threw
     */
    @Override
    public TouchResult touch(String id, Instant newExpiry) {
        while (true) {
            Flight latest = flights.get(id);
            if (latest != null && latest.open) {
                // Open: it is sent after this moment, so its answer is as good as our own.
                return latest.await(2 * leaderWaitNanos) ? latest.answer() : store.touchIfPresent(id, newExpiry);
            }
            Flight mine = new Flight(latest);
            if (latest == null ? flights.putIfAbsent(id, mine) == null : flights.replace(id, latest, mine)) {
                return lead(id, mine, newExpiry);
            }
        }
    }

    private TouchResult lead(String id, Flight mine, Instant newExpiry) {
        TouchResult result = null;
        RuntimeException failure = null;
        try {
            mine.awaitPrevious(leaderWaitNanos);
            mine.open = false;
            result = store.touchIfPresent(id, newExpiry);
            return result;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            flights.remove(id, mine);
            // An Error leaves both null: the joiners then touch on their own.
            mine.land(result, failure);
        }
    }

    /** For tests: flights open or in the air. */
    int inFlight() {
        return flights.size();
    }

    /** One store touch and the requests sharing its answer. */
    private static final class Flight {

        /** True until the leader sends the touch; joiners may join only while it is. */
        volatile boolean open = true;
        /** The flight in the air when this one opened; dropped once landed, so flights never chain up. */
        private Flight previous;
        /** Guarded by this flight's monitor, held only to set or read it, never across the touch. */
        private boolean landed;
        /** The touch's outcome: its result, or what it threw; both null after an Error. */
        private TouchResult result;
        private RuntimeException failure;

        Flight(Flight previous) {
            this.previous = previous;
        }

        void awaitPrevious(long nanos) {
            if (previous != null) {
                previous.await(nanos);
                previous = null;
            }
        }

        /**
         * A monitor rather than a latch, and the outcome in fields rather than an object: a request alone, the
         * common case, allocates neither.
         */
        synchronized void land(TouchResult result, RuntimeException failure) {
            this.result = result;
            this.failure = failure;
            landed = true;
            notifyAll();
        }

        /** @return whether the touch landed with an outcome within {@code nanos} (false if interrupted) */
        synchronized boolean await(long nanos) {
            long deadline = System.nanoTime() + nanos;
            while (!landed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return result != null || failure != null;
        }

        /**
         * @return the touch's result, once {@link #await} said it landed with one
         * @throws RuntimeException what the touch threw
         */
        synchronized TouchResult answer() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
