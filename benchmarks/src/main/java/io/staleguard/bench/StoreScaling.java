package io.staleguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;

/**
 * Part 4, how {@link InMemorySessionStore} grows with its live sessions: for 10k, 100k and 1M records of realistic
 * 43-character ids (256 random bits in base64url), the heap the store retains per session (used heap after repeated
 * {@code System.gc()} before and after filling it, from the {@link MemoryMXBean}), the time to create the records,
 * single-thread {@code touchIfPresent} throughput at that size, and the sweep pause: one {@code sweep()} when half of
 * the records have expired (the store's clock is moved 30 minutes on, through a {@link SettableClock}). FULL: all three
 * sizes, 2 s of touches each, about 30 s; needs {@code -Xmx2g} (the full run passes it). SMOKE: 10k only, 200 ms of
 * touches, about 2 s.
 */
final class StoreScaling implements Part {

    /** What {@link InMemorySessionStore}'s Javadoc promises per record, besides its id. */
    static final double DOCUMENTED_BYTES_PER_SESSION = 150;

    /** A 255-character id: String (24 B) and its Latin-1 byte array (16 B header + 255, padded to 272). */
    static final int LONGEST_ID_BYTES = 296;

    private static final Instant T0 = Instant.parse("2026-01-01T09:00:00Z");
    /** Even records expire 10 minutes after T0, odd ones 60 minutes after: at T0 + 30 min half are gone. */
    private static final Instant SHORT = T0.plus(Duration.ofMinutes(10));
    private static final Instant LONG = T0.plus(Duration.ofMinutes(60));
    private static final Instant SWEEP_AT = T0.plus(Duration.ofMinutes(30));

    /** One size's numbers. */
    record Measured(int sessions, double idBytes, double storeBytes, double createNs, double touchesPerSecond,
            double sweepMs, int swept) {

        double totalBytes() {
            return idBytes + storeBytes;
        }
    }

    @Override
    public Section run(Mode mode) {
        int[] sizes = mode == Mode.FULL ? new int[] {10_000, 100_000, 1_000_000} : new int[] {10_000};
        long touchNanos = mode == Mode.FULL ? 2_000_000_000L : 200_000_000L;
        List<Measured> all = new ArrayList<>();
        for (int n : sizes) {
            all.add(measure(n, touchNanos));
        }

        Table table = new Table("Live sessions", "Store heap (MB)", "B/session (store)", "B/session (id)",
                "B/session (total)", "create (ns/op)", "touchIfPresent (ops/s)", "Sweep pause (ms)", "Swept");
        for (Measured m : all) {
            table.row(String.format(Locale.ROOT, "%,d", m.sessions), m.sessions * m.totalBytes() / 1e6, m.storeBytes,
                    m.idBytes, m.totalBytes(), m.createNs, m.touchesPerSecond, m.sweepMs, m.swept);
        }
        Measured largest = all.get(all.size() - 1);
        double worstStoreBytes = all.stream().mapToDouble(Measured::storeBytes).max().orElse(Double.NaN);
        Measured atDefault = all.stream().filter(m -> m.sessions == InMemorySessionStore.DEFAULT_MAX_SESSIONS)
                .findFirst().orElse(largest);
        double defaultBoundMb = InMemorySessionStore.DEFAULT_MAX_SESSIONS * atDefault.totalBytes() / 1e6;
        Section section = new Section("Scaling of the in-memory store", method(mode, touchNanos)).table(table);
        section.target(new Target("Memory bounded: heap per session besides its id",
                "≤ ~150 B + id per session (InMemorySessionStore's Javadoc)",
                String.format(Locale.ROOT, "%s B + %s B for a 43-character id (largest over %d sizes)",
                        Table.number(worstStoreBytes), Table.number(largest.idBytes), all.size()),
                worstStoreBytes <= DOCUMENTED_BYTES_PER_SESSION));
        section.note("The bound: the store holds at most maxSessions records (default "
                + String.format(Locale.ROOT, "%,d", InMemorySessionStore.DEFAULT_MAX_SESSIONS) + "); at the "
                + Table.number(atDefault.totalBytes()) + " B per session measured "
                + (atDefault == largest && largest.sessions != InMemorySessionStore.DEFAULT_MAX_SESSIONS
                        ? "at " + String.format(Locale.ROOT, "%,d", largest.sessions) + " sessions (extrapolated)"
                        : "at that size")
                + " with 43-character ids, the default bound is about " + Table.number(defaultBoundMb)
                + " MB of heap; with ids of the longest allowed length (255 characters, about 300 B each) about "
                + Table.number(InMemorySessionStore.DEFAULT_MAX_SESSIONS * (atDefault.storeBytes + LONGEST_ID_BYTES) / 1e6)
                + " MB. A record is a ConcurrentHashMap node, "
                + "a record of three longs, the id String and its share of the hash table (whose size is a power of two, "
                + "so the per-session share steps with the size). Full, the store refuses new sign-ins after a sweep "
                + "instead of growing.");
        section.note("The sweep runs on whichever request's store call comes along first after a minute has passed "
                + "(no background thread): that request waits for the sweep pause above. Other requests are not "
                + "blocked: the sweep walks the ConcurrentHashMap and removes entries one by one.");
        return section;
    }

    private static String method(Mode mode, long touchNanos) {
        return "InMemorySessionStore filled with N records (N = " + (mode == Mode.FULL ? "10k, 100k, 1M" : "10k; SMOKE")
                + ", maxSessions = N) under random 43-character base64url ids, on a clock that stands still. "
                + "Heap: used heap (MemoryMXBean, after System.gc() until it stops shrinking) before generating the ids, "
                + "after generating them, and after filling the store; the store's bytes per session exclude the ids, "
                + "which are measured on their own (String plus its byte array; the array holding them counted out). "
                + "create: the time to fill, divided by N, one thread. touchIfPresent: one thread touching random "
                + "records for " + touchNanos / 1_000_000 + " ms (each touch keeps the record's expiry class, so that "
                + "the sweep below still finds exactly half expired). Sweep pause: the clock moves 30 minutes on, when "
                + "every other record has expired, and one sweep() is timed.";
    }

    static Measured measure(int n, long touchNanos) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long beforeIds = usedHeap(memory);
        String[] ids = ids(n, 42L + n);
        long afterIds = usedHeap(memory);

        SettableClock clock = new SettableClock(T0);
        InMemorySessionStore store = new InMemorySessionStore(n, clock);
        StoredSession shortLived = new StoredSession(T0, SHORT, T0.plus(Duration.ofHours(12)));
        StoredSession longLived = new StoredSession(T0, LONG, T0.plus(Duration.ofHours(12)));
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            store.create(ids[i], (i & 1) == 0 ? shortLived : longLived);
        }
        double createNs = (double) (System.nanoTime() - start) / n;
        long afterStore = usedHeap(memory);
        if (store.size() != n) {
            throw new IllegalStateException("The store holds " + store.size() + " records, not " + n);
        }

        SplittableRandom random = new SplittableRandom(7);
        long touches = 0;
        long touchStart = System.nanoTime();
        long deadline = touchStart + touchNanos;
        long gone = 0;
        do {
            for (int k = 0; k < 1024; k++) {
                int i = random.nextInt(n);
                if (!store.touchIfPresent(ids[i], (i & 1) == 0 ? SHORT : LONG).isTouched()) {
                    gone++;
                }
            }
            touches += 1024;
        } while (System.nanoTime() < deadline);
        double touchesPerSecond = touches * 1e9 / (System.nanoTime() - touchStart);
        if (gone != 0) {
            throw new IllegalStateException(gone + " touches found no record");
        }

        clock.set(SWEEP_AT);
        long sweepStart = System.nanoTime();
        int swept = store.sweep();
        double sweepMs = (System.nanoTime() - sweepStart) / 1e6;
        if (swept != (n + 1) / 2 || store.size() != n / 2) {
            throw new IllegalStateException("The sweep removed " + swept + " of " + n + " records, not half");
        }

        // The ids stay referenced by the array throughout; their own size is what the array adds beyond its slots.
        double idBytes = (double) (afterIds - beforeIds) / n - referenceBytes();
        double storeBytes = (double) (afterStore - afterIds) / n;
        reachable(ids, store);
        return new Measured(n, idBytes, storeBytes, createNs, touchesPerSecond, sweepMs, swept);
    }

    /** 256 random bits in base64url without padding: 43 characters, like the ids of real session managers. */
    static String[] ids(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        byte[] bits = new byte[32];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < bits.length; b += 8) {
                long r = random.nextLong();
                for (int k = 0; k < 8; k++) {
                    bits[b + k] = (byte) (r >>> (8 * k));
                }
            }
            ids[i] = encoder.encodeToString(bits);
            if (!SessionStore.isValidId(ids[i])) {
                throw new IllegalStateException("Not a valid id: " + ids[i]);
            }
        }
        return ids;
    }

    /** Used heap once garbage collection stops freeing anything. */
    private static long usedHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used && i >= 2) {
                return Math.min(now, used);
            }
            used = Math.min(used, now);
        }
        return used;
    }

    /** The size of one array slot: 4 bytes with compressed references (heaps under 32 GB), else 8. */
    private static int referenceBytes() {
        return Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024 ? 4 : 8;
    }

    /** Keeps both alive until the last heap reading: the JIT may otherwise let them go early. */
    private static volatile Object sink;

    private static void reachable(Object... objects) {
        sink = objects;
        sink = null;
    }
}
