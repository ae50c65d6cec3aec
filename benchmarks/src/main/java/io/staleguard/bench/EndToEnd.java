package io.staleguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Part 3, end to end on WildFly: the same servlet with and without Staleguard's two filters, under load from a client
 * on loopback, in one WildFly and one session, interleaved.
 * <p>
 * What runs: a real WildFly 39 ({@code bench.jboss.home}, unpacked by the build; started by {@link E2eServer}) with two
 * WARs built at run time by {@link E2eWars}: {@code plain.war} (a 1 KiB page at {@code /page} that reads the
 * {@code SID} cookie, and {@code /login} setting a random {@code SID} cookie) and {@code guarded.war} (the same servlet behind {@code StaleSessionFilter} and
 * {@code RollingSessionFilter}: {@code store=memory}, {@code rolling=true}, {@code session-cookie=SID;path=/guarded},
 * {@code interaction-paths=/page}; its {@code /login} also creates the session's record in the store). The load
 * ({@link E2eLoad}) is {@value #THREADS} threads, each with one keep-alive connection and one session, sending
 * {@code GET /page} with its cookie back to back; that saturates the server and gives the throughput. A second load of
 * one connection, which leaves the cores idle part of the time, gives the latency the filters add without queueing.
 * <p>
 * How: one login per thread and application, a warm-up of each application, then rounds; each round loads both
 * applications for the same time at each load, alternating which goes first (plain-guarded, guarded-plain, …) so that
 * drift (JIT, GC, other load on the machine) falls on both sides alike. The guarded side is compared with the plain
 * side of the same round, and the report gives the median of those paired ratios and differences. Every response must
 * be 200, and every guarded response must carry the refreshed {@code SID} cookie (proof that the filters rolled the
 * session).
 * <p>
 * Duration: FULL about 6 minutes (WildFly boot, 2 × 10 s warm-up, 10 rounds of 2 × 10 s saturated and 2 × 5 s with one
 * connection, shutdown); SMOKE about 20 s (2 × 1 s warm-up, 2 rounds of 4 × 1 s).
 * <p>
 * To profile the server, run {@link Report} directly with {@code --only EndToEnd} and
 * {@code -Dbench.e2e.java-opts=-XX:StartFlightRecording=filename=/tmp/wildfly.jfr,settings=profile}: the options are
 * added to the WildFly JVM's.
 */
final class EndToEnd implements Part {

    /** Client threads and connections: more than the machine's cores, so that the server is saturated. */
    static final int THREADS = 16;

    private static final double THROUGHPUT_GOAL = 0.97;
    private static final double P99_ADDED_GOAL_MS = 1.0;

    private List<E2eRun> lastRuns = List.of();

    /** Every run of the last {@link #run(Mode)}, warm-ups (round 0) included: for tests. */
    List<E2eRun> lastRuns() {
        return lastRuns;
    }

    @Override
    public Section run(Mode mode) throws Exception {
        boolean full = mode == Mode.FULL;
        Duration warmUp = Duration.ofSeconds(full ? 10 : 1);
        Duration saturated = Duration.ofSeconds(full ? 10 : 1);
        Duration single = Duration.ofSeconds(full ? 5 : 1);
        int rounds = full ? 10 : 2;

        String home = System.getProperty("bench.jboss.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("System property bench.jboss.home must name the unpacked WildFly (the build "
                    + "sets it: mvn -B -pl benchmarks -am package -DskipTests -Pbench); it is " + home);
        }
        Path jbossHome = Path.of(home);
        Path work = jbossHome.toAbsolutePath().getParent()
                .resolve("e2e-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis());
        Files.createDirectories(work);
        List<Path> wars = List.of(E2eWars.writePlain(work), E2eWars.writeGuarded(work));

        List<E2eRun> runs = new ArrayList<>();
        boolean clean = false;
        try (E2eServer server = E2eServer.start(jbossHome, work, wars)) {
            E2eLoad load = new E2eLoad(server.httpPort, THREADS, longest(warmUp, saturated, single));
            String[] plainSessions = load.login(E2eWars.PLAIN);
            String[] guardedSessions = load.login(E2eWars.GUARDED);
            runs.add(load.run(E2eWars.PLAIN, 0, THREADS, plainSessions, warmUp, server::serverCpuNanos));
            runs.add(load.run(E2eWars.GUARDED, 0, THREADS, guardedSessions, warmUp, server::serverCpuNanos));
            for (int round = 1; round <= rounds; round++) {
                boolean plainFirst = round % 2 == 1;
                for (int connections : new int[] {THREADS, 1}) {
                    Duration duration = connections == 1 ? single : saturated;
                    for (int i = 0; i < 2; i++) {
                        boolean plain = plainFirst == (i == 0);
                        runs.add(load.run(plain ? E2eWars.PLAIN : E2eWars.GUARDED, round, connections,
                                plain ? plainSessions : guardedSessions, duration, server::serverCpuNanos));
                    }
                }
            }
            clean = true;
        } catch (IOException | RuntimeException e) {
            throw new IOException("End-to-end run failed; WildFly's files are kept in " + work, e);
        } finally {
            if (clean) {
                E2eServer.deleteTree(work);
            }
        }
        lastRuns = List.copyOf(runs);
        return section(mode, warmUp, saturated, single, rounds, runs);
    }

    private static Section section(Mode mode, Duration warmUp, Duration saturated, Duration single, int rounds,
            List<E2eRun> runs) {
        Section section = new Section("End to end on WildFly", method(warmUp, saturated, single, rounds));

        Table table = new Table("Round", "Application", "Connections", "Responses", "Throughput (req/s)", "p50 (ms)",
                "p99 (ms)", "p99.9 (ms)", "Errors", "Refreshed SID cookies", "Server CPU (µs/req)",
                "Client CPU (µs/req)")
                .caption("Every run, in the order run (round 0 is the warm-up, not counted below):");
        for (E2eRun r : runs) {
            table.row(r.round() == 0 ? "warm-up" : String.valueOf(r.round()), r.app(), r.connections(), r.requests(),
                    r.throughput(), E2eRun.millis(r.p50Nanos()), E2eRun.millis(r.p99Nanos()),
                    E2eRun.millis(r.p999Nanos()), r.errors(), r.refreshedCookies(), r.serverCpuMicrosPerRequest(),
                    r.clientCpuMicrosPerRequest());
        }
        section.table(table);

        List<E2eRun> plain = measured(runs, E2eWars.PLAIN, THREADS);
        List<E2eRun> guarded = measured(runs, E2eWars.GUARDED, THREADS);
        List<E2eRun> plainSingle = measured(runs, E2eWars.PLAIN, 1);
        List<E2eRun> guardedSingle = measured(runs, E2eWars.GUARDED, 1);
        double[] ratio = new double[rounds];
        double[] p99Added = new double[rounds];
        double[] cpuAdded = new double[rounds];
        double[] singleP50Added = new double[rounds];
        double[] singleP99Added = new double[rounds];
        Table paired = new Table("Round", "Throughput guarded / plain", "p99 added (ms)", "Server CPU added (µs/req)",
                "1 connection: p50 added (ms)", "1 connection: p99 added (ms)")
                .caption("Guarded against plain, round by round (" + THREADS + " connections unless said):");
        for (int i = 0; i < rounds; i++) {
            E2eRun p = plain.get(i);
            E2eRun g = guarded.get(i);
            ratio[i] = g.throughput() / p.throughput();
            p99Added[i] = E2eRun.millis(g.p99Nanos() - p.p99Nanos());
            cpuAdded[i] = g.serverCpuMicrosPerRequest() - p.serverCpuMicrosPerRequest();
            singleP50Added[i] = E2eRun.millis(guardedSingle.get(i).p50Nanos() - plainSingle.get(i).p50Nanos());
            singleP99Added[i] = E2eRun.millis(guardedSingle.get(i).p99Nanos() - plainSingle.get(i).p99Nanos());
            paired.row(String.valueOf(i + 1), ratio[i], p99Added[i], cpuAdded[i], singleP50Added[i],
                    singleP99Added[i]);
        }
        double medianRatio = median(ratio);
        double medianP99Added = median(p99Added);
        double medianSingleP99Added = median(singleP99Added);
        paired.row("**median**", medianRatio, medianP99Added, median(cpuAdded), median(singleP50Added),
                medianSingleP99Added);
        section.table(paired);

        Table summary = new Table("Application", "Connections", "Throughput (req/s)", "p50 (ms)", "p99 (ms)",
                "p99.9 (ms)", "Server CPU (µs/req)", "Responses", "Errors", "Refreshed SID cookies")
                .caption("Medians across the " + rounds + " rounds (responses, errors and cookies: totals):");
        summaryRow(summary, "plain (without Staleguard)", THREADS, plain);
        summaryRow(summary, "guarded (both filters)", THREADS, guarded);
        summaryRow(summary, "plain (without Staleguard)", 1, plainSingle);
        summaryRow(summary, "guarded (both filters)", 1, guardedSingle);
        section.table(summary);

        long errors = runs.stream().mapToLong(E2eRun::errors).sum();
        long guardedResponses = runs.stream().filter(r -> r.app().equals(E2eWars.GUARDED))
                .mapToLong(E2eRun::requests).sum();
        long guardedRefreshed = runs.stream().filter(r -> r.app().equals(E2eWars.GUARDED))
                .mapToLong(E2eRun::refreshedCookies).sum();
        long plainCookies = runs.stream().filter(r -> r.app().equals(E2eWars.PLAIN))
                .mapToLong(E2eRun::refreshedCookies).sum();
        boolean valid = errors == 0 && guardedRefreshed == guardedResponses && plainCookies == 0;
        String validity = valid ? "" : String.format(Locale.ROOT, "; run INVALID: %d errors, %d of %d guarded "
                + "responses refreshed SID, %d plain responses set SID", errors, guardedRefreshed, guardedResponses,
                plainCookies);

        double plainMedian = median(plain, E2eRun::throughput);
        double guardedMedian = median(guarded, E2eRun::throughput);
        section.target(new Target("End to end on WildFly: throughput with Staleguard (" + THREADS + " connections)",
                "≥ 97% of without",
                String.format(Locale.ROOT, "%.1f%% (median of %d paired rounds; medians %s vs %s req/s)%s",
                        medianRatio * 100, rounds, Table.number(guardedMedian), Table.number(plainMedian), validity),
                valid && medianRatio >= THROUGHPUT_GOAL));
        section.target(new Target("End to end on WildFly: p99 added, saturated (" + THREADS + " connections)",
                "≤ 1 ms",
                String.format(Locale.ROOT, "%+.3f ms (median of %d paired rounds; p99 medians %s vs %s ms)%s",
                        medianP99Added, rounds, Table.number(median(guarded, r -> E2eRun.millis(r.p99Nanos()))),
                        Table.number(median(plain, r -> E2eRun.millis(r.p99Nanos()))), validity),
                valid && medianP99Added <= P99_ADDED_GOAL_MS));
        section.target(new Target("End to end on WildFly: p99 added, no queueing (1 connection)",
                "≤ 1 ms",
                String.format(Locale.ROOT, "%+.3f ms (median of %d paired rounds; p99 medians %s vs %s ms)%s",
                        medianSingleP99Added, rounds,
                        Table.number(median(guardedSingle, r -> E2eRun.millis(r.p99Nanos()))),
                        Table.number(median(plainSingle, r -> E2eRun.millis(r.p99Nanos()))), validity),
                valid && medianSingleP99Added <= P99_ADDED_GOAL_MS));

        int cores = Runtime.getRuntime().availableProcessors();
        double plainCpu = median(plain, E2eRun::serverCpuMicrosPerRequest);
        double guardedCpu = median(guarded, E2eRun::serverCpuMicrosPerRequest);
        double clientCpu = median(plain, E2eRun::clientCpuMicrosPerRequest);
        section.note(String.format(Locale.ROOT, "**Client and server share the machine's %d cores.** Saturated, the "
                + "load threads used %s µs of CPU per response (plain), the WildFly JVM %s µs (plain) and %s µs "
                + "(guarded). With the cores saturated, throughput is set by client plus server CPU per response, so "
                + "the filters' cost is diluted by the client's share and the throughput ratio is closer to 1 than it "
                + "would be with the client on another machine; had the server the cores to itself, throughput would "
                + "follow server CPU per response alone, and the ratio would be about %s (plain/guarded server CPU). "
                + "In a closed loop with %d connections on %d cores, latency is mostly queueing for the cores "
                + "(Little's law: mean latency = connections / throughput), so the saturated p99 grows with any loss "
                + "of throughput; the one-connection runs show the latency the filters add to a request that does not "
                + "queue.", cores, Table.number(clientCpu), Table.number(plainCpu), Table.number(guardedCpu),
                Table.number(plainCpu / guardedCpu), THREADS, cores));
        if (mode == Mode.FULL && valid && medianRatio < THROUGHPUT_GOAL) {
            section.note(String.format(Locale.ROOT, "Throughput target missed by %.1f percentage points: the guarded "
                    + "application needs %s µs more server CPU per response (%s vs %s µs).",
                    (THROUGHPUT_GOAL - medianRatio) * 100, Table.number(guardedCpu - plainCpu),
                    Table.number(guardedCpu), Table.number(plainCpu)));
        }
        if (mode == Mode.FULL && valid && medianP99Added > P99_ADDED_GOAL_MS) {
            section.note(String.format(Locale.ROOT, "Saturated p99 target missed by %.3f ms.",
                    medianP99Added - P99_ADDED_GOAL_MS));
        }
        if (mode == Mode.FULL && valid && medianSingleP99Added > P99_ADDED_GOAL_MS) {
            section.note(String.format(Locale.ROOT, "One-connection p99 target missed by %.3f ms.",
                    medianSingleP99Added - P99_ADDED_GOAL_MS));
        }
        if (!valid) {
            String first = runs.stream().map(E2eRun::firstError).filter(e -> e != null).findFirst().orElse("none");
            section.note("**This run is not valid:** " + validity.substring(2) + ". First error: " + first + ".");
        }
        return section;
    }

    private static String method(Duration warmUp, Duration saturated, Duration single, int rounds) {
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "The same servlet (`GET /page`: finds the request's `SID` cookie, as an "
                + "application with sessions does, and answers a 1 KiB text body with Content-Length) on "
                + "WildFly 39 (`standalone.xml` as shipped, started with `bin/standalone.sh`, fixed heap `%s`), "
                + "deployed twice in one server: `plain.war` without Staleguard, and `guarded.war` with "
                + "`StaleSessionFilter` then `RollingSessionFilter` mapped to `/*` (`store=memory`, `rolling=true`, "
                + "`session-cookie=SID;path=/guarded`, `interaction-paths=/page`), so every page request is looked up "
                + "(StaleSessionFilter's B2 check), touched (`touchIfPresent`) and re-cookied. Both WARs are built "
                + "at run time from the class path. Load: a Java client on loopback (raw sockets, pre-encoded "
                + "HTTP/1.1 requests), each thread with one keep-alive connection and its own session (one "
                + "`GET /login` per thread and application, which sets `SID` and, in the guarded application, creates "
                + "the record in the store), sending `GET /page` with `Cookie: SID=…` in a closed loop; latency is "
                + "from writing the request to reading the whole body. After a %d s warm-up of each application "
                + "with %d connections, %d rounds; each round runs both applications for %d s with %d connections "
                + "(saturated: throughput) and then for %d s with 1 connection (no queueing: latency), alternating "
                + "which application goes first (plain–guarded, guarded–plain, …). Ratios and differences are taken "
                + "within each round and their median reported. Every response must be 200 and every guarded "
                + "response must carry the refreshed `SID` cookie (counted). The load client and the server share "
                + "the machine's %d cores (see the note below).",
                E2eServer.JAVA_OPTS.split(" -D")[0], warmUp.toSeconds(), THREADS, rounds, saturated.toSeconds(),
                THREADS, single.toSeconds(), cores);
    }

    private static Duration longest(Duration... durations) {
        return Arrays.stream(durations).max(Duration::compareTo).orElseThrow();
    }

    private static List<E2eRun> measured(List<E2eRun> runs, String app, int connections) {
        return runs.stream().filter(r -> r.round() > 0 && r.app().equals(app) && r.connections() == connections)
                .toList();
    }

    private static void summaryRow(Table summary, String label, int connections, List<E2eRun> runs) {
        summary.row(label, connections, median(runs, E2eRun::throughput),
                median(runs, r -> E2eRun.millis(r.p50Nanos())), median(runs, r -> E2eRun.millis(r.p99Nanos())),
                median(runs, r -> E2eRun.millis(r.p999Nanos())), median(runs, E2eRun::serverCpuMicrosPerRequest),
                runs.stream().mapToLong(E2eRun::requests).sum(), runs.stream().mapToLong(E2eRun::errors).sum(),
                runs.stream().mapToLong(E2eRun::refreshedCookies).sum());
    }

    private static double median(List<E2eRun> runs, ToDoubleFunction<E2eRun> value) {
        return median(runs.stream().mapToDouble(value).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
