package io.staleguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Part 3, end to end on WildFly: the same servlet with and without Staleguard's two filters, and without them but with
 * the headers they add, under load from a client on loopback, in one WildFly and one session, interleaved.
 * <p>
 * What runs: a real WildFly 39 ({@code bench.jboss.home}, unpacked by the build; started by {@link E2eServer}) with
 * three WARs built at run time by {@link E2eWars}: {@code plain.war} (a 1 KiB page at {@code /page} that reads the
 * {@code SID} cookie, and {@code /login} setting a random {@code SID} cookie), {@code guarded.war} (the same servlet
 * behind {@code StaleSessionFilter} and {@code RollingSessionFilter}, registered by the jar's web-fragment (the
 * drop-in) and configured by context-params: {@code store=memory}, {@code rolling=true},
 * {@code session-cookie=SID;path=/guarded}, {@code interaction-paths=/page}; its {@code /login} also creates the
 * session's record in the store) and {@code headers.war} (no Staleguard; its page writes itself exactly the headers a
 * rolled response carries: the refreshed {@code SID} cookie, {@code Cache-Control} and {@code Vary}). The load
 * ({@link E2eLoad}) is {@value #THREADS} threads, each with one keep-alive connection and one session, sending
 * {@code GET /page} with its cookie back to back; that saturates the server and gives the throughput. A second load of
 * one connection, which leaves the cores idle part of the time, gives the latency the filters add without queueing.
 * <p>
 * How: one login per thread and application, a warm-up of each application, then rounds; each round loads the three
 * applications for the same time at each load, in an order that changes from round to round ({@link #ORDERS}: each
 * round is followed by its mirror image, and over six rounds every application takes every place) so that drift (JIT,
 * GC, other load on the machine) falls on all alike. Each application is compared with another in the same round,
 * and the report gives the median of those paired ratios and differences: guarded against plain for the targets, and,
 * to show where the cost goes, headers against plain (what the headers every rolling response must carry cost, R2 and
 * R5) and guarded against headers (what Staleguard's own work costs: its filters, the store, the response wrapper).
 * Every response must be 200, and every guarded and headers response must carry the refreshed {@code SID} cookie
 * (proof that the filters rolled the session); no plain one may.
 * <p>
 * Duration: FULL about 7.5 minutes (WildFly boot, 3 × 10 s warm-up, 10 rounds of 3 × 10 s saturated and 3 × 3 s with
 * one connection, shutdown); SMOKE about 25 s (3 × 1 s warm-up, 2 rounds of 6 × 1 s).
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
    private static final double CPU_ADDED_GOAL_MICROS = 1.5;

    /**
     * The order of the applications in round 1, 2, …, repeating: each order is followed by its mirror image, so that a
     * drift within the two rounds puts every application on average in the middle, and over the six every application
     * comes first, second and last twice and before each other one three times.
     */
    static final List<List<String>> ORDERS = List.of(
            List.of(E2eWars.PLAIN, E2eWars.GUARDED, E2eWars.HEADERS),
            List.of(E2eWars.HEADERS, E2eWars.GUARDED, E2eWars.PLAIN),
            List.of(E2eWars.GUARDED, E2eWars.HEADERS, E2eWars.PLAIN),
            List.of(E2eWars.PLAIN, E2eWars.HEADERS, E2eWars.GUARDED),
            List.of(E2eWars.HEADERS, E2eWars.PLAIN, E2eWars.GUARDED),
            List.of(E2eWars.GUARDED, E2eWars.PLAIN, E2eWars.HEADERS));

    private static final List<String> APPS = ORDERS.get(0);

    private List<E2eRun> lastRuns = List.of();
    private Map<String, List<String>> lastResponseHeads = Map.of();

    /** Every run of the last {@link #run(Mode)}, warm-ups (round 0) included: for tests. */
    List<E2eRun> lastRuns() {
        return lastRuns;
    }

    /** The last {@link #run(Mode)}'s one page response of each application (status line and headers): for tests. */
    Map<String, List<String>> lastResponseHeads() {
        return lastResponseHeads;
    }

    @Override
    public Section run(Mode mode) throws Exception {
        boolean full = mode == Mode.FULL;
        Duration warmUp = Duration.ofSeconds(full ? 10 : 1);
        Duration saturated = Duration.ofSeconds(full ? 10 : 1);
        Duration single = Duration.ofSeconds(full ? 3 : 1);
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
        List<Path> wars = List.of(E2eWars.writePlain(work), E2eWars.writeGuarded(work), E2eWars.writeHeaders(work));

        List<E2eRun> runs = new ArrayList<>();
        Map<String, List<String>> heads = new LinkedHashMap<>();
        boolean clean = false;
        CorePinning pinning = CorePinning.forThisMachine();
        try (E2eServer server = E2eServer.start(jbossHome, work, wars, pinning)) {
            pinning.pinClient();
            E2eLoad load = new E2eLoad(server.httpPort, THREADS, longest(warmUp, saturated, single));
            Map<String, String[]> sessions = new LinkedHashMap<>();
            for (String app : APPS) {
                sessions.put(app, load.login(app));
            }
            for (String app : APPS) {
                heads.put(app, load.pageResponseHead(app, sessions.get(app)[0]));
            }
            for (String app : APPS) {
                runs.add(load.run(app, 0, THREADS, sessions.get(app), warmUp, server::serverCpuNanos));
            }
            for (int round = 1; round <= rounds; round++) {
                List<String> order = ORDERS.get((round - 1) % ORDERS.size());
                for (int connections : new int[] {THREADS, 1}) {
                    Duration duration = connections == 1 ? single : saturated;
                    for (String app : order) {
                        runs.add(load.run(app, round, connections, sessions.get(app), duration,
                                server::serverCpuNanos));
                    }
                }
            }
            clean = true;
        } catch (IOException | RuntimeException e) {
            throw new IOException("End-to-end run failed; WildFly's files are kept in " + work, e);
        } finally {
            pinning.unpinClient();
            if (clean) {
                E2eServer.deleteTree(work);
            }
        }
        lastRuns = List.copyOf(runs);
        lastResponseHeads = Map.copyOf(heads);
        return section(mode, warmUp, saturated, single, rounds, runs, heads, pinning);
    }

    private static Section section(Mode mode, Duration warmUp, Duration saturated, Duration single, int rounds,
            List<E2eRun> runs, Map<String, List<String>> heads, CorePinning pinning) {
        Section section = new Section("End to end on WildFly", method(warmUp, saturated, single, rounds, pinning));

        Table table = new Table("Round", "Application", "Connections", "Responses", "Throughput (req/s)", "p50 (ms)",
                "p99 (ms)", "p99.9 (ms)", "Errors", "SID cookies set", "Server CPU (µs/req)",
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

        List<E2eRun> headers = measured(runs, E2eWars.HEADERS, THREADS);
        List<E2eRun> headersSingle = measured(runs, E2eWars.HEADERS, 1);
        double[] headersRatio = new double[rounds];
        double[] ownRatio = new double[rounds];
        double[] headersCpu = new double[rounds];
        double[] ownCpu = new double[rounds];
        double[] headersSingleP50 = new double[rounds];
        double[] ownSingleP50 = new double[rounds];
        Table costs = new Table("Round", "Throughput headers / plain", "Throughput guarded / headers",
                "Throughput guarded / plain", "Server CPU: headers − plain (µs/req)",
                "Server CPU: guarded − headers (µs/req)", "Server CPU: guarded − plain (µs/req)",
                "1 connection p50: headers − plain (ms)", "1 connection p50: guarded − headers (ms)")
                .caption("Where the cost goes, round by round (" + THREADS + " connections unless said): headers "
                        + "against plain is what the headers every rolling response must carry cost (the refreshed "
                        + "cookie, R2; Cache-Control and Vary, R5); guarded against headers is what Staleguard's own "
                        + "work costs (its filter, the store's touch, the response wrapper). Within "
                        + "a round the two ratios multiply to guarded / plain:");
        for (int i = 0; i < rounds; i++) {
            E2eRun p = plain.get(i);
            E2eRun g = guarded.get(i);
            E2eRun h = headers.get(i);
            headersRatio[i] = h.throughput() / p.throughput();
            ownRatio[i] = g.throughput() / h.throughput();
            headersCpu[i] = h.serverCpuMicrosPerRequest() - p.serverCpuMicrosPerRequest();
            ownCpu[i] = g.serverCpuMicrosPerRequest() - h.serverCpuMicrosPerRequest();
            headersSingleP50[i] = E2eRun.millis(headersSingle.get(i).p50Nanos() - plainSingle.get(i).p50Nanos());
            ownSingleP50[i] = E2eRun.millis(guardedSingle.get(i).p50Nanos() - headersSingle.get(i).p50Nanos());
            costs.row(String.valueOf(i + 1), headersRatio[i], ownRatio[i], ratio[i], headersCpu[i], ownCpu[i],
                    cpuAdded[i], headersSingleP50[i], ownSingleP50[i]);
        }
        double medianHeadersRatio = median(headersRatio);
        double medianOwnRatio = median(ownRatio);
        double medianHeadersCpu = median(headersCpu);
        double medianOwnCpu = median(ownCpu);
        costs.row("**median**", medianHeadersRatio, medianOwnRatio, medianRatio, medianHeadersCpu, medianOwnCpu,
                median(cpuAdded), median(headersSingleP50), median(ownSingleP50));
        section.table(costs);

        Table summary = new Table("Application", "Connections", "Throughput (req/s)", "p50 (ms)", "p99 (ms)",
                "p99.9 (ms)", "Server CPU (µs/req)", "Responses", "Errors", "SID cookies set")
                .caption("Medians across the " + rounds + " rounds (responses, errors and cookies: totals):");
        summaryRow(summary, "plain (without Staleguard)", THREADS, plain);
        summaryRow(summary, "headers (without Staleguard, with its headers)", THREADS, headers);
        summaryRow(summary, "guarded (both filters)", THREADS, guarded);
        summaryRow(summary, "plain (without Staleguard)", 1, plainSingle);
        summaryRow(summary, "headers (without Staleguard, with its headers)", 1, headersSingle);
        summaryRow(summary, "guarded (both filters)", 1, guardedSingle);
        section.table(summary);

        long errors = runs.stream().mapToLong(E2eRun::errors).sum();
        long guardedResponses = total(runs, E2eWars.GUARDED, E2eRun::requests);
        long guardedRefreshed = total(runs, E2eWars.GUARDED, E2eRun::refreshedCookies);
        long headersResponses = total(runs, E2eWars.HEADERS, E2eRun::requests);
        long headersRefreshed = total(runs, E2eWars.HEADERS, E2eRun::refreshedCookies);
        long plainCookies = total(runs, E2eWars.PLAIN, E2eRun::refreshedCookies);
        boolean valid = errors == 0 && guardedRefreshed == guardedResponses && headersRefreshed == headersResponses
                && plainCookies == 0;
        String validity = valid ? "" : String.format(Locale.ROOT, "; run INVALID: %d errors, %d of %d guarded "
                + "responses refreshed SID, %d of %d headers responses set SID, %d plain responses set SID", errors,
                guardedRefreshed, guardedResponses, headersRefreshed, headersResponses, plainCookies);

        // The primary figure: with server and client on their own cores, server CPU per response is what Staleguard
        // costs, whatever the client does; throughput follows it.
        double cpuAddedMedian = median(cpuAdded);
        section.target(new Target("End to end on WildFly: server CPU added per rolled request (" + THREADS
                + " connections)", "≤ " + CPU_ADDED_GOAL_MICROS + " µs",
                String.format(Locale.ROOT, "%s µs (median of %d paired rounds; %s vs %s µs/req; %s)%s",
                        Table.number(cpuAddedMedian), rounds,
                        Table.number(median(guarded, E2eRun::serverCpuMicrosPerRequest)),
                        Table.number(median(plain, E2eRun::serverCpuMicrosPerRequest)), pinning.describe(), validity),
                valid && cpuAddedMedian <= CPU_ADDED_GOAL_MICROS));
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
        double headersCpuMedian = median(headers, E2eRun::serverCpuMicrosPerRequest);
        double guardedCpu = median(guarded, E2eRun::serverCpuMicrosPerRequest);
        double clientCpu = median(plain, E2eRun::clientCpuMicrosPerRequest);
        section.note(String.format(Locale.ROOT, "**Where the cost goes.** Of the %s µs more server CPU per response "
                + "that the guarded application needs than the plain one (median of the paired rounds), %s, and %s. "
                + "In throughput: headers / plain %s, guarded / headers %s, guarded / plain %s (medians of the paired "
                + "ratios).", Table.number(median(cpuAdded)),
                share("the headers alone (headers − plain: Undertow sets, stores and writes the refreshed "
                        + "`Set-Cookie`, `Cache-Control` and `Vary`, about " + addedHeadBytes(heads)
                        + " bytes more per response)", medianHeadersCpu),
                share("Staleguard's own work (guarded − headers)", medianOwnCpu),
                Table.number(medianHeadersRatio), Table.number(medianOwnRatio), Table.number(medianRatio)));
        section.note(String.format(Locale.ROOT, "**Client and server on the machine's %d cores (" + pinning.describe()
                + ").** Saturated, the "
                + "load threads used %s µs of CPU per response (plain), the WildFly JVM %s µs (plain), %s µs "
                + "(headers) and %s µs (guarded). With the cores saturated, throughput is set by client plus server "
                + "CPU per response, so the filters' cost is diluted by the client's share and the throughput ratio is "
                + "closer to 1 than it would be with the client on another machine; had the server the cores to "
                + "itself, throughput would follow server CPU per response alone, and the ratio would be about %s "
                + "(plain/guarded server CPU). "
                + "In a closed loop with %d connections on %d cores, latency is mostly queueing for the cores "
                + "(Little's law: mean latency = connections / throughput), so the saturated p99 grows with any loss "
                + "of throughput; the one-connection runs show the latency the filters add to a request that does not "
                + "queue.", cores, Table.number(clientCpu), Table.number(plainCpu), Table.number(headersCpuMedian),
                Table.number(guardedCpu), Table.number(plainCpu / guardedCpu), THREADS, cores));
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
        StringBuilder sample = new StringBuilder("One page response of each application, as received (before the "
                + "warm-up):\n");
        heads.forEach((app, head) -> sample.append("\n`").append(app).append("`:\n\n```\n")
                .append(String.join("\n", head)).append("\n```\n"));
        section.note(sample.toString().strip());
        return section;
    }

    /** How many bytes longer the headers application's response head is than the plain one's, or -1 if unknown. */
    private static int addedHeadBytes(Map<String, List<String>> heads) {
        List<String> plain = heads.get(E2eWars.PLAIN);
        List<String> headers = heads.get(E2eWars.HEADERS);
        if (plain == null || headers == null) {
            return -1;
        }
        // each line is followed by CR LF on the wire
        return headers.stream().mapToInt(l -> l.length() + 2).sum()
                - plain.stream().mapToInt(l -> l.length() + 2).sum();
    }

    /** "what accounts for 1.2 µs", or, when the median is not above zero, that it does not show above the noise. */
    private static String share(String what, double medianMicros) {
        return medianMicros > 0 ? what + " accounts for " + Table.number(medianMicros) + " µs"
                : what + " does not show above the rounds' noise (median " + Table.number(medianMicros)
                        + " µs; round by round above)";
    }

    private static String method(Duration warmUp, Duration saturated, Duration single, int rounds,
            CorePinning pinning) {
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "The same servlet (`GET /page`: finds the request's `SID` cookie, as an "
                + "application with sessions does, and answers a 1 KiB text body with Content-Length) on "
                + "WildFly 39 (`standalone.xml` as shipped, started with `bin/standalone.sh`, fixed heap `%s`), "
                + "deployed three times in one server: `plain.war` without Staleguard; `guarded.war` with "
                + "`StaleSessionFilter` then `RollingSessionFilter` on `/*`, registered by the jar's `web-fragment.xml` "
                + "(the drop-in) and configured by context-params (`store=memory`, `rolling=true`, "
                + "`session-cookie=SID;path=/guarded`, `interaction-paths=/page`), so every page request is touched "
                + "(`touchIfPresent`, whose answer the B2 check of the interaction path reads: the two drop-ins run as "
                + "one filter) and re-cookied; and `headers.war` "
                + "without Staleguard, whose page writes itself exactly the headers the guarded application's "
                + "responses carry (`Set-Cookie: SID=<id>; Max-Age=1800; Expires=…; Path=/headers; HttpOnly; "
                + "SameSite=Lax`, `Cache-Control: private, no-cache, no-store, must-revalidate`, `Vary: Cookie`; "
                + "see the sample responses below), to separate what those headers cost from what Staleguard's own "
                + "work costs. The WARs are built at run time from the class path. Load: a Java client on loopback "
                + "(raw sockets, pre-encoded HTTP/1.1 requests), each thread with one keep-alive connection and its "
                + "own session (one `GET /login` per thread and application, which sets `SID` and, in the guarded "
                + "application, creates the record in the store), sending `GET /page` with `Cookie: SID=…` in a "
                + "closed loop; latency is from writing the request to reading the whole body. After a %d s warm-up "
                + "of each application with %d connections, %d rounds; each round runs the three applications for "
                + "%d s each with %d connections (saturated: throughput) and then for %d s each with 1 connection (no "
                + "queueing: latency), in an order that changes every round (plain–guarded–headers, then its mirror "
                + "headers–guarded–plain, then guarded–headers–plain, plain–headers–guarded, headers–plain–guarded, "
                + "guarded–plain–headers, and again), so that every application runs first, second and last alike. "
                + "Ratios and differences are taken between applications of the same round and their median "
                + "reported; the targets compare guarded with plain. Every response must be 200, every guarded and "
                + "headers response must carry the refreshed `SID` cookie and no plain one may (counted). Cores "
                + "(%d): %s. The primary figure is the server's CPU time per response (the WildFly JVM's, read "
                + "from the OS before and after each run): with the server on cores of its own it does not depend on "
                + "the client; throughput comes second.",
                E2eServer.JAVA_OPTS.split(" -D")[0], warmUp.toSeconds(), THREADS, rounds, saturated.toSeconds(),
                THREADS, single.toSeconds(), cores, pinning.describe());
    }

    private static Duration longest(Duration... durations) {
        return Arrays.stream(durations).max(Duration::compareTo).orElseThrow();
    }

    private static List<E2eRun> measured(List<E2eRun> runs, String app, int connections) {
        return runs.stream().filter(r -> r.round() > 0 && r.app().equals(app) && r.connections() == connections)
                .toList();
    }

    private static long total(List<E2eRun> runs, String app, ToLongFunction<E2eRun> value) {
        return runs.stream().filter(r -> r.app().equals(app)).mapToLong(value).sum();
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
