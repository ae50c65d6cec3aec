package io.staleguard.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.staleguard.spi.ConfigError;

/**
 * The embedded session store: records in a {@link ConcurrentHashMap} of this JVM, gone on restart. Right for a single
 * node and for tests; a cluster needs a shared store such as {@link JdbcSessionStore}.
 * <p>
 * {@link #touchIfPresent(String, Instant) touchIfPresent} is one compare-and-replace of the record
 * ({@code ConcurrentHashMap.replace(id, old, new)}, retried if another touch came first): atomic per id, and it never
 * creates a record, so a concurrent {@link #delete(String) delete} always wins.
 * <p>
 * <b>Memory is bounded.</b> The store holds at most {@code maxSessions} records (default
 * {@value #DEFAULT_MAX_SESSIONS}); each costs about 80 to 95 bytes of map node, record and hash-table slot plus its id
 * (about 90 bytes for a 43-character id, 300 for the longest, {@value SessionStore#MAX_ID_LENGTH} characters), so the
 * default bound is roughly 18 MB with 43-character ids and 40 MB in the worst case (measured by the benchmarks'
 * scaling part). When the store is full, {@link #create(String, StoredSession) create} throws
 * {@link StoreUnavailableException} (a new sign-in is refused with "try again later") rather than evicting a live
 * session. Expired records are swept at most once a minute (by the store's clock) by whichever call comes along,
 * a refused create included, and dropped when read; no background thread is started. A full store does not sweep on
 * every refused create: a sweep walks every record, and a burst of sign-ins against a full store would otherwise walk
 * up to {@code maxSessions} records each. So a store that is full of records which expired less than a minute ago may
 * refuse sign-ins until the next sweep: size {@code maxSessions} with that minute in mind.
 * <p>
 * Use it with {@code store=memory}, or create one yourself:
 * <pre>
 * servletContext.setAttribute(SessionStore.ATTRIBUTE, new InMemorySessionStore(20_000));
 * </pre>
 *
 * @since 0.1
 */
public final class InMemorySessionStore implements SessionStore {

    /** The default bound on the number of records: {@value}. */
    public static final int DEFAULT_MAX_SESSIONS = 100_000;

    private static final long SWEEP_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    /** Millisecond instants: three longs per record rather than three {@link Instant} objects. */
    private record Entry(long createdAt, long expiresAt, long absoluteExpiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> records = new ConcurrentHashMap<>();
    /** Exact record count, so that the bound holds even with many threads creating at once. */
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong nextSweep;
    /** How many sweeps have run, for tests. */
    private final AtomicLong sweeps = new AtomicLong();
    private final int maxSessions;
    private final Clock clock;

    /** A store for at most {@value #DEFAULT_MAX_SESSIONS} sessions. */
    public InMemorySessionStore() {
        this(DEFAULT_MAX_SESSIONS);
    }

    /**
     * @param maxSessions the most records held at once
     * @throws IllegalArgumentException if {@code maxSessions} is less than 1
     */
    public InMemorySessionStore(int maxSessions) {
        this(maxSessions, Clock.systemUTC());
    }

    /**
     * A store that reads the time from {@code clock}, for tests and benchmarks that move time on instead of waiting.
     *
     * @param maxSessions the most records held at once
     * @param clock the clock that decides which records have expired
     * @throws IllegalArgumentException if {@code maxSessions} is less than 1
     * @since 0.1
     */
    public InMemorySessionStore(int maxSessions, Clock clock) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException(ConfigError.STORE_ARGUMENT.message("maxSessions must be at least 1, not "
                    + maxSessions));
        }
        this.maxSessions = maxSessions;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = new AtomicLong(clock.millis() + SWEEP_EVERY_MILLIS);
    }

    @Override
    public Optional<StoredSession> lookup(String id) {
        if (!SessionStore.isValidId(id)) {
            return Optional.empty();
        }
        long now = now();
        Entry e = records.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expiresAt <= now) {
            removeIfSame(id, e);
            return Optional.empty();
        }
        return Optional.of(new StoredSession(Instant.ofEpochMilli(e.createdAt), Instant.ofEpochMilli(e.expiresAt),
                Instant.ofEpochMilli(e.absoluteExpiresAt)));
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        Objects.requireNonNull(newExpiry, "newExpiry");
        if (!SessionStore.isValidId(id)) {
            return TouchResult.GONE;
        }
        long now = now();
        long wanted = newExpiry.toEpochMilli();
        // A compare-and-replace never inserts: a delete either happened before (nothing to replace) or makes the
        // replace fail, and the next round finds the record gone. No lambda, so a touch allocates only the record.
        while (true) {
            Entry e = records.get(id);
            if (e == null) {
                return TouchResult.GONE;
            }
            if (e.expiresAt <= now) {
                removeIfSame(id, e);
                return TouchResult.GONE;
            }
            long expiry = Math.min(wanted, e.absoluteExpiresAt);
            if (records.replace(id, e, new Entry(e.createdAt, expiry, e.absoluteExpiresAt))) {
                return TouchResult.touched(Instant.ofEpochMilli(expiry));
            }
        }
    }

    @Override
    public void delete(String id) {
        deleteIfPresent(id);
    }

    @Override
    public boolean deleteIfPresent(String id) {
        now();
        if (SessionStore.isValidId(id) && records.remove(id) != null) {
            count.decrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * @throws IllegalArgumentException if {@code id} is not valid, or a live record with this id exists
     * @throws StoreUnavailableException if the store holds {@code maxSessions} live records
     */
    @Override
    public void create(String id, StoredSession session) {
        SessionStore.checkCreate(id, session);
        // A full store sweeps only when a sweep is due anyway (now() does that): never once per refused create.
        if (!reserve()) {
            now();
            if (!reserve()) {
                throw new StoreUnavailableException("The in-memory session store holds its maximum of " + maxSessions
                        + " live sessions; raise the bound or use a shared store");
            }
        }
        long now = now();
        Entry fresh = new Entry(session.createdAt().toEpochMilli(), session.expiresAt().toEpochMilli(),
                session.absoluteExpiresAt().toEpochMilli());
        boolean[] duplicate = {false};
        records.compute(id, (key, existing) -> {
            if (existing == null) {
                return fresh;
            }
            count.decrementAndGet(); // the slot reserved above is not needed: the key is already counted
            if (existing.expiresAt > now) {
                duplicate[0] = true;
                return existing;
            }
            return fresh;
        });
        if (duplicate[0]) {
            throw new IllegalArgumentException("A session with this id already exists");
        }
    }

    /** @return the number of records held, live or expired but not yet swept */
    public int size() {
        return count.get();
    }

    /**
     * Removes every expired record now. Not needed in normal use: the store sweeps by itself.
     *
     * @return how many records were removed
     */
    public int sweep() {
        sweeps.incrementAndGet();
        long now = clock.millis();
        nextSweep.set(now + SWEEP_EVERY_MILLIS);
        int removed = 0;
        for (Map.Entry<String, Entry> e : records.entrySet()) {
            if (e.getValue().expiresAt <= now && removeIfSame(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    /** @return how many sweeps have run so far */
    long sweeps() {
        return sweeps.get();
    }

    private boolean reserve() {
        while (true) {
            int current = count.get();
            if (current >= maxSessions) {
                return false;
            }
            if (count.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private boolean removeIfSame(String id, Entry e) {
        if (records.remove(id, e)) {
            count.decrementAndGet();
            return true;
        }
        return false;
    }

    /** The current time; sweeps when a minute has passed since the last sweep. */
    private long now() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            sweep();
        }
        return now;
    }

    @Override
    public String toString() {
        return "InMemorySessionStore[" + count.get() + "/" + maxSessions + "]";
    }
}
