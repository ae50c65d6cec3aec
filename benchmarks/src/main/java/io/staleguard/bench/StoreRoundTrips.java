package io.staleguard.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.staleguard.testing.RealStores;

/**
 * Part 2, rolling against real stores: for PostgreSQL and Redis on localhost, Staleguard's single conditional touch
 * side by side with the read-then-write and upsert foils ({@link io.staleguard.race.Foils}), at 1, 8 and 32 client
 * threads ({@link StoreLoad} on a {@link RoundTripRig}): throughput, p50 and p99 latency, and round trips per touch,
 * counted (statements through {@link RoundTripCountingDataSource}; commands through a Lettuce command listener). Then
 * the round trips per request through {@link io.staleguard.RollingSessionFilter} itself
 * ({@link RollingFilterRoundTrips}).
 * <p>
 * Duration: FULL about 2.5 minutes (2 stores × 3 thread counts × 3 strategies × (2 s warmup + 5 × 1 s measured), plus
 * set-up); SMOKE about 6 seconds (1 and 8 threads, 0.1 s warmup + 2 × 0.1 s per cell).
 */
final class StoreRoundTrips implements Part {

    static final int SESSIONS = 1_000;
    static final int FILTER_REQUESTS = 100;

    static StoreLoad.Settings settings(Mode mode) {
        return mode == Mode.FULL
                ? new StoreLoad.Settings(new int[] {1, 8, 32}, Duration.ofSeconds(2), 5, Duration.ofSeconds(1))
                : new StoreLoad.Settings(new int[] {1, 8}, Duration.ofMillis(100), 2, Duration.ofMillis(100));
    }

    @Override
    public Section run(Mode mode) throws Exception {
        StoreLoad.Settings settings = settings(mode);
        Section section = new Section("Rolling against real stores: round trips, throughput, latency",
                method(settings));
        List<StoreLoad.Result> postgres = List.of();
        List<StoreLoad.Result> redis = List.of();
        List<RollingFilterRoundTrips.Row> filter = List.of();
        if (reachable(RealStores.POSTGRES, section)) {
            try (RoundTripRig.Postgres rig = RoundTripRig.postgres(SESSIONS)) {
                postgres = StoreLoad.run(rig, settings);
                filter = new RollingFilterRoundTrips(rig).measure(FILTER_REQUESTS);
            }
            section.table(loadTable("PostgreSQL", postgres));
        }
        if (reachable(RealStores.REDIS, section)) {
            try (RoundTripRig.Redis rig = RoundTripRig.redis(SESSIONS)) {
                redis = StoreLoad.run(rig, settings);
            }
            section.table(loadTable("Redis", redis));
        }
        if (!postgres.isEmpty() || !redis.isEmpty()) {
            section.table(ratioTable(settings, postgres, redis));
        }
        if (!filter.isEmpty()) {
            section.table(filterTable(filter));
        }
        roundTripTarget(section, "PostgreSQL", postgres);
        roundTripTarget(section, "Redis", redis);
        filterTargets(section, filter);
        throughputTarget(section, settings, postgres);
        long unrecorded = postgres.stream().mapToLong(StoreLoad.Result::unrecordedLatencies).sum()
                + redis.stream().mapToLong(StoreLoad.Result::unrecordedLatencies).sum();
        if (unrecorded > 0) {
            section.note("The latency arrays were full for " + unrecorded + " touches: those count in throughput but "
                    + "not in the percentiles.");
        }
        section.note("The upsert foil costs one round trip too: what separates it from Staleguard's touch is not speed "
                + "but that it writes the record whether or not a logout deleted it (the original bug; the filter "
                + "module's race tests show it reviving sessions). The read-then-write foil is the narrowed-but-open "
                + "fix: on Redis its unconditional save is two commands, so it costs three round trips there.");
        section.note("With PostgreSQL on the same 2 cores as the client threads, many threads make every strategy "
                + "bound by CPU rather than by round trips: Staleguard's touch does no more touches with 32 threads "
                + "than with 8. Then the ratio to read-then-write is that of the database's work per touch, and a "
                + "`SELECT` by primary key costs less than the `UPDATE` that follows it (no new row version, no WAL), "
                + "so the two statements cost less than twice one. Staleguard's statement is a single-row update by "
                + "primary key, as cheap as any write can be: the upsert foil, also one statement, runs at the same "
                + "rate.");
        section.note("A touch that finds its session gone costs `JdbcSessionStore` two more statements (it caps the "
                + "expiry at the absolute limit, then reads what is left, both conditional on the row), so a rolling "
                + "request on a deleted session is 1 store call but 3 SQL statements; the same happens to a live "
                + "session within its last `inactivity` before the absolute limit. Sessions in this load are live and "
                + "far from their limit, so every touch is one `UPDATE`.");
        return section;
    }

    private static boolean reachable(RealStores.Server server, Section section) {
        if (RealStores.reachable(server.host(), server.port())) {
            return true;
        }
        section.note("**" + server.name() + ": not measured: " + server.name() + " unreachable on " + server.host()
                + ":" + server.port() + ".**");
        return false;
    }

    private static String method(StoreLoad.Settings s) {
        return String.format(Locale.ROOT, """
                Three ways to roll a session, side by side in one run on each store: **Staleguard**'s single \
                conditional touch (`JdbcSessionStore.touchIfPresent`: one `UPDATE … SET expires_at = ? WHERE id = ? \
                AND expires_at > ? AND absolute_expires_at >= ?`; `RedisSessionStore.touchIfPresent`: one `EVALSHA` \
                of a Lua script that calls `PEXPIREAT … GT`), the **read-then-write** foil (the store's `lookup`, then \
                an unconditional save) and the **upsert** foil (the unconditional save alone: the original bug), the \
                foils being `io.staleguard.race.Foils` from the filter's tests. The unconditional save is, on \
                PostgreSQL, `INSERT … ON CONFLICT (id) DO UPDATE SET expires_at = …` (1 statement) and, on Redis, \
                `HSET` of both fields then `PEXPIREAT` (2 commands, on a second connection of the same Lettuce \
                client). PostgreSQL on 127.0.0.1:5432 through HikariCP (maximumPoolSize = minimumIdle = %d for every \
                strategy; `synchronous_commit` off per session, as in the project's test pool, so commits do not wait \
                for the disk), a table with the documented DDL (primary key on `id`, index on `expires_at`); Redis on \
                127.0.0.1:6379 through one `RedisSessionStore` on one shared Lettuce connection (command timeout \
                10 s). Each store holds %,d live sessions (30 min inactivity, 12 h absolute). Load: closed loop, \
                %s client threads, each touching its own disjoint slice of the sessions in turn with `newExpiry = \
                now + 30 min`; per cell (store × threads × strategy) %s warmup, then %d rounds of %s measured, the \
                strategy order rotated each round so that drift hits every strategy alike. Throughput = touches / \
                measured time; p50 and p99 over every touch's latency (`System.nanoTime()` around `touchIfPresent`, \
                all threads' latencies sorted together). Round trips are counted, not assumed: on PostgreSQL, \
                statement executions through a `java.lang.reflect.Proxy` around the `DataSource` (auto-commit: one \
                statement, one round trip); on Redis, the commands the Lettuce client sends (a `CommandListener`; \
                not `INFO stats`, which also counts the other clients of a shared server). Every touch must find its \
                session live, or the run fails. The ratio table divides Staleguard's throughput by each foil's at \
                the same thread count. Last, the round trips per request through `RollingSessionFilter` itself \
                (in-process, Spring's mock request, the filter tests' `RawResponse`, a `CountingStore` around the PostgreSQL \
                `JdbcSessionStore`, SQL statements counted as above), %d requests per case.""",
                RoundTripRig.POOL_SIZE, SESSIONS,
                threadCounts(s), duration(s.warmup()), s.rounds(), duration(s.perRound()), FILTER_REQUESTS);
    }

    /** "1, 8 and 32". */
    private static String threadCounts(StoreLoad.Settings s) {
        List<String> counts = Arrays.stream(s.threadCounts()).mapToObj(Integer::toString).toList();
        return counts.size() == 1 ? counts.get(0)
                : String.join(", ", counts.subList(0, counts.size() - 1)) + " and " + counts.get(counts.size() - 1);
    }

    private static String duration(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : Table.number(d.toNanos() / 1e9) + " s";
    }

    private static Table loadTable(String store, List<StoreLoad.Result> results) {
        Table t = new Table("Threads", "Strategy", "Touches/s", "p50 (µs)", "p99 (µs)", "Round trips per touch",
                "Touches measured").caption("### " + store + ": one touch per rolling request");
        for (StoreLoad.Result r : results) {
            t.row(r.threads(), r.strategy(), r.touchesPerSecond(), r.p50Micros(), r.p99Micros(),
                    r.roundTripsPerTouch(), r.touches());
        }
        return t;
    }

    private static Table ratioTable(StoreLoad.Settings s, List<StoreLoad.Result> postgres,
            List<StoreLoad.Result> redis) {
        List<String> header = new ArrayList<>(List.of("Throughput ratio"));
        for (int threads : s.threadCounts()) {
            header.add(threads + (threads == 1 ? " thread" : " threads"));
        }
        Table t = new Table(header.toArray(String[]::new)).caption("### Staleguard's throughput / each foil's");
        for (List<StoreLoad.Result> results : List.of(postgres, redis)) {
            if (results.isEmpty()) {
                continue;
            }
            String store = results.get(0).store();
            for (String foil : List.of(RoundTripRig.READ_THEN_WRITE, RoundTripRig.UPSERT)) {
                List<Object> row = new ArrayList<>(List.of(store + ": Staleguard / " + foil));
                for (int threads : s.threadCounts()) {
                    row.add(ratio(results, foil, threads).orElse(Double.NaN));
                }
                t.row(row.toArray());
            }
        }
        return t;
    }

    static Optional<Double> ratio(List<StoreLoad.Result> results, String foil, int threads) {
        Optional<StoreLoad.Result> ours = find(results, RoundTripRig.STALEGUARD, threads);
        Optional<StoreLoad.Result> theirs = find(results, foil, threads);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ours.get().touchesPerSecond() / theirs.get().touchesPerSecond());
    }

    private static Optional<StoreLoad.Result> find(List<StoreLoad.Result> results, String strategy, int threads) {
        return results.stream().filter(r -> r.strategy().equals(strategy) && r.threads() == threads).findFirst();
    }

    private static Table filterTable(List<RollingFilterRoundTrips.Row> rows) {
        Table t = new Table("Requests", "Requests counted", "Store calls per request", "SQL statements per request",
                "Responses refreshing the cookie")
                .caption("### Round trips per request through RollingSessionFilter (PostgreSQL)");
        for (RollingFilterRoundTrips.Row r : rows) {
            t.row(r.label(), r.requests(), r.storeCallsPerRequest(), r.statementsPerRequest(), r.refreshedCookies());
        }
        return t;
    }

    private static void roundTripTarget(Section section, String store, List<StoreLoad.Result> results) {
        String what = "Round trips per rolling touch, " + store + " (Staleguard)";
        List<StoreLoad.Result> ours = results.stream().filter(r -> r.strategy().equals(RoundTripRig.STALEGUARD))
                .toList();
        if (ours.isEmpty()) {
            section.target(new Target(what, "exactly 1", "not measured: " + store + " unreachable", false));
            return;
        }
        long touches = ours.stream().mapToLong(StoreLoad.Result::touches).sum();
        long roundTrips = ours.stream().mapToLong(StoreLoad.Result::roundTrips).sum();
        section.target(new Target(what, "exactly 1", String.format(Locale.ROOT, "%s (%,d round trips / %,d touches)",
                Table.number(roundTrips / (double) touches), roundTrips, touches), roundTrips == touches));
    }

    private static void filterTargets(Section section, List<RollingFilterRoundTrips.Row> rows) {
        String rolling = "Round trips per rolling request through RollingSessionFilter (PostgreSQL)";
        String none = "Round trips per request with rolling=false, on a rolling-exclude path, within touch-interval";
        if (rows.isEmpty()) {
            section.target(new Target(rolling, "exactly 1", "not measured: PostgreSQL unreachable", false));
            section.target(new Target(none, "0", "not measured: PostgreSQL unreachable", false));
            return;
        }
        RollingFilterRoundTrips.Row live = row(rows, RollingFilterRoundTrips.ROLLING_TRUE);
        section.target(new Target(rolling, "exactly 1", describe("rolling=true", live),
                live.storeCalls() == live.requests() && live.statements() == live.requests()));
        RollingFilterRoundTrips.Row off = row(rows, RollingFilterRoundTrips.ROLLING_FALSE);
        RollingFilterRoundTrips.Row excluded = row(rows, RollingFilterRoundTrips.EXCLUDED);
        RollingFilterRoundTrips.Row withinInterval = row(rows, RollingFilterRoundTrips.INTERVAL_AFTER);
        Predicate<RollingFilterRoundTrips.Row> isZero = r -> r.storeCalls() == 0 && r.statements() == 0;
        section.target(new Target(none, "0", describe("rolling=false", off) + "; " + describe("excluded", excluded)
                + "; " + describe("within touch-interval", withinInterval),
                Stream.of(off, excluded, withinInterval).allMatch(isZero)));
    }

    private static RollingFilterRoundTrips.Row row(List<RollingFilterRoundTrips.Row> rows, String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    private static String describe(String name, RollingFilterRoundTrips.Row r) {
        return String.format(Locale.ROOT, "%s: %s store calls, %s statements per request", name, Table.number(
                r.storeCallsPerRequest()), Table.number(r.statementsPerRequest()));
    }

    private static void throughputTarget(Section section, StoreLoad.Settings s, List<StoreLoad.Result> postgres) {
        String what = "Throughput, Staleguard / read-then-write, PostgreSQL, 32 threads";
        String goal = "≥ 1.8×";
        if (postgres.isEmpty()) {
            section.target(new Target(what, goal, "not measured: PostgreSQL unreachable", false));
            return;
        }
        Optional<Double> at32 = ratio(postgres, RoundTripRig.READ_THEN_WRITE, 32);
        if (at32.isPresent()) {
            section.target(new Target(what, goal, Table.number(at32.get()) + "×", at32.get() >= 1.8));
            return;
        }
        int most = s.threadCounts()[s.threadCounts().length - 1];
        section.target(new Target(what, goal, "not measured (this run's most threads: " + most + ", "
                + Table.number(ratio(postgres, RoundTripRig.READ_THEN_WRITE, most).orElse(Double.NaN)) + "×)", false));
    }
}
