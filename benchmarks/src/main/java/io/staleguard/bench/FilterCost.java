package io.staleguard.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Part 1, the filters' cost on the request path: {@link FilterCostBenchmark}'s five scenarios in one JMH run, with
 * JMH's GC profiler for the bytes allocated per request ({@code gc.alloc.rate.norm}), turned into a table and held
 * against the targets. FULL: 2 forks × (3 × 1 s warm-up + 5 × 1 s measurement) per scenario, about 1.5 min.
 * SMOKE: in-process (no fork), 100 ms warm-up and 200 ms measurement per scenario, a few seconds.
 */
final class FilterCost implements Part {

    /** Below this, a difference in {@code gc.alloc.rate.norm} is the profiler's noise, not an allocation. */
    static final double NO_ALLOCATION_BYTES = 1.0;
    static final double PASS_THROUGH_NS = 100;
    static final double ROLLING_NS = 1000;

    /** The benchmarks in table order, with what each one is. */
    private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("bareChain", "(a) bare chain: no filters (baseline)");
        SCENARIOS.put("passThrough", "(b) pass-through: default config (rolling off), no session cookie");
        SCENARIOS.put("passThroughRolling", "(c) pass-through, rolling on (store=memory), no session cookie");
        SCENARIOS.put("interactionPath", "(d) interaction path, valid container session");
        SCENARIOS.put("rollingTouch", "(e) rolling: touch in InMemorySessionStore + refreshed Set-Cookie");
    }

    /** One benchmark's numbers. */
    record Measured(double nsPerOp, double nsError, double bytesPerOp) {
    }

    @Override
    public Section run(Mode mode) throws RunnerException {
        Map<String, Measured> m = measure(mode);
        Measured bare = m.get("bareChain");

        Table table = new Table("Request", "ns/op", "± (99.9%)", "B/op", "Overhead ns/op", "Overhead B/op");
        for (Map.Entry<String, String> s : SCENARIOS.entrySet()) {
            Measured r = m.get(s.getKey());
            boolean baseline = r == bare;
            table.row(s.getValue(), r.nsPerOp, r.nsError, r.bytesPerOp,
                    baseline ? "–" : (Object) (r.nsPerOp - bare.nsPerOp),
                    baseline ? "–" : (Object) (r.bytesPerOp - bare.bytesPerOp));
        }

        Section section = new Section("Filter cost on the request path", method(mode)).table(table);
        section.target(noAllocationTarget("Pass-through overhead (b − a)", m.get("passThrough"), bare));
        section.target(noAllocationTarget("Interaction path, valid container session (d − a)",
                m.get("interactionPath"), bare));
        Measured rolling = m.get("rollingTouch");
        double rollingOverhead = rolling.nsPerOp - bare.nsPerOp;
        section.target(new Target("Rolling with the in-memory store (e − a)", "≤ 1 µs/op",
                String.format(Locale.ROOT, "%s ns/op (%s B/op)", Table.number(rollingOverhead),
                        Table.number(rolling.bytesPerOp - bare.bytesPerOp)),
                rollingOverhead <= ROLLING_NS));
        Measured gated = m.get("passThroughRolling");
        section.note("With rolling on, a request without a session cookie still gets the session-cookie gate (c): the "
                + "application may sign the user in on this very request, and the session cookie it then sets must be "
                + "clamped to max-cookie-age and make the response uncacheable (R5, R6). So (c) allocates the gate, one "
                + "response wrapper per request (here " + Table.number(gated.bytesPerOp - bare.bytesPerOp)
                + " B/op more than the bare chain, including the attribute that publishes the gate for "
                + "Staleguard.logout, which a container's attribute map stores in a node of its own). Everything "
                + "else is created only when needed: the set of ended session ids only when a touch finds one gone, "
                + "dates only when a cookie is clamped. The default configuration (b) allocates nothing.");
        section.note("(d) runs in container mode: StaleSessionFilter computes the path, matches interaction-paths and "
                + "asks the container whether the requested session id is valid; a valid one ends the check. "
                + "(e) includes the store's own work (a get and a ConcurrentHashMap.replace of the "
                + "record) and building the refreshed Set-Cookie header. What (e) still allocates ("
                + Table.number(rolling.bytesPerOp - bare.bytesPerOp) + " B/op) is what the request needs: the gate, "
                + "the store's new record and its answer (TouchResult, expiry Instant), the wanted expiry, the "
                + "Set-Cookie header text and its builder, and two request attributes (the gate, and the touch's "
                + "answer for StaleSessionFilter). Profiling with -prof gc removed, in filter/src/main: the ACTIVE "
                + "request attribute (now a per-thread slot), the eager set of ended ids in the gate, the request-time "
                + "Instant, the RFC 1123 formatting of Expires (the last formatted second is reused; 496 B and "
                + "0.4–1 µs each), the ArrayList of session ids, and the store's capturing lambda; see the commits.");
        return section;
    }

    private static Target noAllocationTarget(String what, Measured filtered, Measured bare) {
        double ns = filtered.nsPerOp - bare.nsPerOp;
        double bytes = filtered.bytesPerOp - bare.bytesPerOp;
        return new Target(what, "≤ 100 ns/op and no allocation (< " + Table.number(NO_ALLOCATION_BYTES) + " B/op)",
                String.format(Locale.ROOT, "%s ns/op, %s B/op", Table.number(ns), Table.number(bytes)),
                ns <= PASS_THROUGH_NS && bytes < NO_ALLOCATION_BYTES);
    }

    private static String method(Mode mode) {
        String run = mode == Mode.FULL
                ? "2 forks × (3 × 1 s warm-up + 5 × 1 s measurement) per request kind"
                : "SMOKE: no fork, 1 × 100 ms warm-up and 1 × 200 ms measurement per request kind";
        return "JMH 1.37 (" + run + "), mode AverageTime, 1 thread, with JMH's GC profiler (`-prof gc`, "
                + "bytes/op = `gc.alloc.rate.norm`). Each operation is one GET to `/app/...` through "
                + "StaleSessionFilter → RollingSessionFilter (the drop-in order) to a servlet that sets the status, "
                + "on a request, response and filter chain that are recycled per operation as a container does and "
                + "allocate nothing when read (the request's attributes are a HashMap, so setting one costs a node as "
                + "in a real container). The filters are initialised with spring-test's MockServletContext and "
                + "context-params. Overhead = the request kind minus the bare chain (a). Source: "
                + "`FilterCostBenchmark`; `java -cp … org.openjdk.jmh.Main FilterCostBenchmark -prof gc` runs the "
                + "same benchmarks by hand.";
    }

    static Map<String, Measured> measure(Mode mode) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(FilterCostBenchmark.class.getName() + "\\.")
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .threads(1)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (mode == Mode.FULL) {
            options.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        } else {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
                    .verbosity(VerboseMode.SILENT);
        }
        Collection<RunResult> results;
        String ignoreLock = System.getProperty("jmh.ignoreLock");
        try {
            if (mode == Mode.SMOKE) {
                // A smoke run's numbers mean nothing, so another JMH run on the machine must not make it fail.
                System.setProperty("jmh.ignoreLock", "true");
            }
            results = new Runner(options.build()).run();
        } finally {
            if (ignoreLock == null) {
                System.clearProperty("jmh.ignoreLock");
            } else {
                System.setProperty("jmh.ignoreLock", ignoreLock);
            }
        }
        Map<String, Measured> measured = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            measured.put(name, new Measured(primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        for (String name : SCENARIOS.keySet()) {
            if (!measured.containsKey(name)) {
                throw new IllegalStateException("JMH returned no result for " + name + ": " + measured.keySet());
            }
        }
        return measured;
    }
}
