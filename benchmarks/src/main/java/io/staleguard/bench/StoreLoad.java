package io.staleguard.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.staleguard.store.SessionStore;

/**
 * Closed-loop load on a {@link RoundTripRig}: {@code n} client threads, each touching the sessions of its own slice in
 * turn, as fast as the store answers, for a fixed time. Every cell (strategy × thread count) is warmed up once, then
 * measured in {@link Settings#rounds()} rounds; within a round each strategy runs once, and the order of the
 * strategies rotates from round to round, so that drift of the machine (other processes, the database's autovacuum)
 * falls on every strategy alike. All threads stop between two runs, so the round-trip counter read before and after
 * a run counts exactly that run's touches. Every latency is recorded into a preallocated {@code long[]} per thread and
 * sorted at the end.
 */
final class StoreLoad {

    /**
     * A one-thread synchronous client cannot exceed this many round trips a second on loopback (≥ 10 µs each), which
     * bounds the latency arrays.
     */
    private static final long MAX_TOUCHES_PER_SECOND_PER_THREAD = 100_000;
    /** Nor can all threads together on a small machine: bounds the arrays at high thread counts. */
    private static final long MAX_TOUCHES_PER_SECOND = 1_000_000;

    /**
     * @param threadCounts the client thread counts, in order
     * @param warmup per cell, before it is measured
     * @param rounds how many runs each cell's measured time is split into
     * @param perRound measured time of one run
     */
    record Settings(int[] threadCounts, Duration warmup, int rounds, Duration perRound) {
        Duration measured() {
            return perRound.multipliedBy(rounds);
        }
    }

    /** One cell's outcome. */
    record Result(String store, String strategy, int threads, long touches, double seconds, long roundTrips,
            double p50Micros, double p99Micros, long unrecordedLatencies) {

        double touchesPerSecond() {
            return touches / seconds;
        }

        double roundTripsPerTouch() {
            return roundTrips / (double) touches;
        }
    }

    private StoreLoad() {
    }

    /** @return one result per strategy and thread count, by thread count, then in the rig's strategy order */
    static List<Result> run(RoundTripRig rig, Settings settings) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        List<String> strategies = new ArrayList<>(rig.strategies.keySet());
        for (int threads : settings.threadCounts()) {
            String[][] slices = rig.slices(threads);
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (String strategy : strategies) {
                cells.put(strategy, new Cell(threads, settings.measured()));
            }
            for (String strategy : strategies) {
                runOnce(rig, strategy, slices, settings.warmup(), null);
            }
            for (int round = 0; round < settings.rounds(); round++) {
                for (int i = 0; i < strategies.size(); i++) {
                    String strategy = strategies.get((round + i) % strategies.size());
                    runOnce(rig, strategy, slices, settings.perRound(), cells.get(strategy));
                }
            }
            cells.forEach((strategy, cell) -> results.add(cell.result(rig.storeName(), strategy)));
        }
        return results;
    }

    /** Touches for {@code duration} on {@code slices.length} threads; records into {@code cell} unless it is null. */
    private static void runOnce(RoundTripRig rig, String strategy, String[][] slices, Duration duration, Cell cell)
            throws InterruptedException {
        SessionStore store = rig.strategies.get(strategy);
        int threads = slices.length;
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] touches = new long[threads];
        long[] gone = new long[threads];
        long[] deadline = new long[1];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                String[] mine = slices[thread];
                long[] latencies = cell == null ? null : cell.latencies[thread];
                int recorded = cell == null ? 0 : cell.recorded[thread];
                long unrecorded = 0;
                long n = 0;
                try {
                    go.await();
                    long end = deadline[0];
                    int i = 0;
                    // At least one touch, even from a thread that started late on a busy machine.
                    do {
                        Instant newExpiry = Instant.now().plus(RoundTripRig.INACTIVITY);
                        long start = System.nanoTime();
                        SessionStore.TouchResult result = store.touchIfPresent(mine[i], newExpiry);
                        long took = System.nanoTime() - start;
                        i = i + 1 == mine.length ? 0 : i + 1;
                        n++;
                        if (result.isGone()) {
                            gone[thread]++;
                        }
                        if (latencies != null && recorded < latencies.length) {
                            latencies[recorded++] = took;
                        } else if (latencies != null) {
                            unrecorded++;
                        }
                    } while (System.nanoTime() - end < 0);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    touches[thread] = n;
                    if (cell != null) {
                        cell.recorded[thread] = recorded;
                        cell.unrecorded[thread] += unrecorded;
                    }
                }
            }, "bench-" + strategy + "-" + thread);
            workers.add(worker);
            worker.start();
        }
        long roundTripsBefore = rig.roundTrips();
        long start = System.nanoTime();
        deadline[0] = start + duration.toNanos();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start;
        long roundTrips = rig.roundTrips() - roundTripsBefore;
        if (failure.get() != null) {
            throw new IllegalStateException(strategy + " on " + rig.storeName() + " failed under load",
                    failure.get());
        }
        long goneTotal = Arrays.stream(gone).sum();
        if (goneTotal > 0) {
            // A touch that finds its session gone takes another path (on JDBC, two more statements): not what is
            // measured here.
            throw new IllegalStateException(strategy + " on " + rig.storeName() + " found " + goneTotal
                    + " live sessions gone");
        }
        if (cell != null) {
            cell.touches += Arrays.stream(touches).sum();
            cell.nanos += elapsed;
            cell.roundTrips += roundTrips;
        }
    }

    /** What a strategy at one thread count has gathered over its rounds. Written by one thread at a time. */
    private static final class Cell {
        final long[][] latencies;
        final int[] recorded;
        final long[] unrecorded;
        long touches;
        long nanos;
        long roundTrips;

        Cell(int threads, Duration measured) {
            double seconds = measured.toNanos() / 1e9;
            int perThread = (int) Math.ceil(seconds * Math.min(MAX_TOUCHES_PER_SECOND_PER_THREAD,
                    MAX_TOUCHES_PER_SECOND / threads));
            latencies = new long[threads][perThread];
            recorded = new int[threads];
            unrecorded = new long[threads];
        }

        Result result(String store, String strategy) {
            int total = Arrays.stream(recorded).sum();
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < latencies.length; t++) {
                System.arraycopy(latencies[t], 0, all, at, recorded[t]);
                at += recorded[t];
            }
            Arrays.sort(all);
            return new Result(store, strategy, latencies.length, touches, nanos / 1e9, roundTrips,
                    percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3, Arrays.stream(unrecorded).sum());
        }

        /** Nearest rank. */
        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
