package io.staleguard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.staleguard.testing.RealStores;

/**
 * Part 5, peers: Staleguard next to what users pick instead for sessions in a shared store, Spring Session, on one
 * embedded Tomcat 10.1 ({@link PeersServer}) with the same page (it reads its session and answers 1 KiB), the same
 * load client ({@link E2eLoad}, {@value #THREADS} keep-alive connections, one session each), the same PostgreSQL and
 * Redis, interleaved in one run:
 * <ol type="a">
 * <li>container sessions, no shared store (the baseline);</li>
 * <li>Staleguard in store mode, rolling: {@code JdbcSessionStore} on PostgreSQL, {@code RedisSessionStore};</li>
 * <li>Spring Session JDBC 3.5 and Spring Session Data Redis 3.5 (both of its Redis repositories), set up as their
 * documentation says ({@link io.staleguard.bench.peers.SpringSessions}).</li>
 * </ol>
 * Every page request of (b) and (c) is rolled: its session's expiry in the store is pushed forward. What the stores
 * keep differs and the report says so: Spring Session keeps the attributes in the store; Staleguard keeps an existence
 * record and leaves the attributes to the container (so its sessions are shared only if the container shares them).
 * Round trips are counted alike for all: SQL statements (and commits) through {@link RoundTripCountingDataSource}, Redis
 * commands through a Lettuce {@code CommandListener}. Then {@link PeerRace}, the logout race, against each.
 * <p>
 * Duration: FULL about 5 minutes; SMOKE about 15 s.
 */
final class Peers implements Part {

    static final int THREADS = 16;
    private static final double THROUGHPUT_GOAL = 2.0;

    /** The burst sizes measured: alone, a page's six parallel API calls, and many. */
    static final int[] BURST_SIZES = {1, 6, 32};

    private List<PeerRace.Result> lastRaces = List.of();
    private List<PeerBursts.Result> lastBursts = List.of();
    private Map<String, Double> lastRoundTrips = Map.of();

    /** The last run's race results: for tests. */
    List<PeerRace.Result> lastRaces() {
        return lastRaces;
    }

    /** The last run's bursts: for tests. */
    List<PeerBursts.Result> lastBursts() {
        return lastBursts;
    }

    /** The last run's store round trips per page request, by application: for tests. */
    Map<String, Double> lastRoundTrips() {
        return lastRoundTrips;
    }

    @Override
    public Section run(Mode mode) throws Exception {
        boolean full = mode == Mode.FULL;
        Duration warmUp = Duration.ofMillis(full ? 5000 : 300);
        Duration perRound = Duration.ofMillis(full ? 5000 : 300);
        int rounds = full ? 6 : 1;
        int raceConcurrency = full ? 64 : 8;
        int raceRounds = full ? 200 : 5;
        int burstCount = full ? 100 : 5;

        RealStores.require(RealStores.POSTGRES);
        RealStores.require(RealStores.REDIS);
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "staleguard-peers-" + ProcessHandle.current().pid());
        List<PeerApp> apps = new ArrayList<>();
        RedisClient inspectClient = RedisClient.create("redis://" + RealStores.REDIS.host() + ":"
                + RealStores.REDIS.port());
        try (HikariDataSource pool = PeerApp.postgresPool();
                StatefulRedisConnection<String, String> inspect = inspectClient.connect();
                StatefulRedisConnection<byte[], byte[]> values = inspectClient.connect(ByteArrayCodec.INSTANCE)) {
            try {
                apps.add(PeerApp.container());
                apps.add(PeerApp.staleguardJdbc(pool));
                apps.add(PeerApp.springJdbc(pool));
                apps.add(PeerApp.staleguardRedis(inspect.sync()));
                apps.add(PeerApp.springRedis(inspect.sync(), values.sync(), false));
                apps.add(PeerApp.springRedis(inspect.sync(), values.sync(), true));
                PeersServer server = PeersServer.start(work, apps);
                try {
                    return measure(server, apps, warmUp, perRound, rounds, raceConcurrency, raceRounds, burstCount);
                } finally {
                    // the stores' clients first: their threads would otherwise outlive the contexts that started them
                    closeAll(apps);
                    apps.clear();
                    server.close();
                }
            } finally {
                closeAll(apps);
                E2eServer.deleteTree(work);
            }
        } finally {
            inspectClient.shutdown();
        }
    }

    private Section measure(PeersServer server, List<PeerApp> apps, Duration warmUp, Duration perRound, int rounds,
            int raceConcurrency, int raceRounds, int burstCount) throws Exception {
        E2eLoad load = new E2eLoad(server.port, THREADS, warmUp.compareTo(perRound) > 0 ? warmUp : perRound);
        Map<String, String[]> sessions = new LinkedHashMap<>();
        Map<String, Integer> responseBytes = new LinkedHashMap<>();
        Map<String, List<String>> heads = new LinkedHashMap<>();
        for (PeerApp app : apps) {
            sessions.put(app.app, load.login(app.app));
            List<String> head = load.pageResponseHead(app.app, sessions.get(app.app)[0]);
            heads.put(app.app, head);
            responseBytes.put(app.app, head.stream().mapToInt(l -> l.length() + 2).sum() + 2
                    + io.staleguard.bench.peers.PeerPageServlet.PAGE_BYTES);
        }
        for (PeerApp app : apps) {
            load.run(app.app, 0, THREADS, sessions.get(app.app), warmUp, PeersServer::processCpuNanos);
        }
        Map<String, List<E2eRun>> runs = new LinkedHashMap<>();
        Map<String, Long> roundTrips = new LinkedHashMap<>();
        for (PeerApp app : apps) {
            runs.put(app.app, new ArrayList<>());
            roundTrips.put(app.app, 0L);
        }
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < apps.size(); i++) {
                // rotate, and mirror every other round, so that drift falls on every application alike
                int at = round % 2 == 0 ? (round + i) % apps.size() : (apps.size() - 1 - (round + i) % apps.size());
                PeerApp app = apps.get(at);
                long before = app.roundTrips.sum();
                E2eRun run = load.run(app.app, round, THREADS, sessions.get(app.app), perRound,
                        PeersServer::processCpuNanos);
                roundTrips.merge(app.app, app.roundTrips.sum() - before, Long::sum);
                if (run.errors() > 0) {
                    throw new IllegalStateException("/" + app.app + " answered " + run.errors() + " errors, first: "
                            + run.firstError());
                }
                runs.get(app.app).add(run);
            }
        }
        List<PeerRace.Result> races = new ArrayList<>();
        for (PeerApp app : apps) {
            races.add(PeerRace.run(server.port, app, raceConcurrency, raceRounds));
        }
        lastRaces = races;
        List<PeerBursts.Result> bursts = new ArrayList<>();
        for (PeerApp app : apps) {
            if (!app.app.equals("container")) {
                for (int size : BURST_SIZES) {
                    bursts.add(PeerBursts.run(server.port, app, size, burstCount));
                }
            }
        }
        lastBursts = bursts;

        Table load16 = new Table("Application", "What the store keeps", "Throughput (req/s)", "p50 (ms)", "p99 (ms)",
                "Store round trips / request", "Response bytes", "Set-Cookie on a rolled response",
                "JVM CPU (µs/req)")
                .caption("**Load** (" + THREADS + " connections, " + rounds + " rounds of " + perRound.toMillis()
                        + " ms per application, interleaved; medians over the rounds; JVM CPU is this JVM's CPU time "
                        + "(Tomcat, store clients) less the load threads', per response, and leaves out the "
                        + "database's):");
        Map<String, Double> perRequest = new LinkedHashMap<>();
        Map<String, double[]> throughputs = new LinkedHashMap<>();
        for (PeerApp app : apps) {
            List<E2eRun> r = runs.get(app.app);
            long requests = r.stream().mapToLong(E2eRun::requests).sum();
            double trips = roundTrips.get(app.app) / (double) requests;
            perRequest.put(app.app, trips);
            throughputs.put(app.app, r.stream().mapToDouble(E2eRun::throughput).toArray());
            boolean cookie = heads.get(app.app).stream().anyMatch(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11));
            load16.row(app.label, app.keeps, median(r, E2eRun::throughput),
                    median(r, x -> E2eRun.millis(x.p50Nanos())), median(r, x -> E2eRun.millis(x.p99Nanos())),
                    trips, responseBytes.get(app.app), cookie ? "yes" : "no",
                    median(r, x -> (x.serverCpuNanos() - x.clientCpuNanos()) / 1e3 / x.requests()));
        }
        lastRoundTrips = perRequest;

        Table race = new Table("Application", "Rounds × concurrent requests", "Page requests", "Served after logout",
                "Whole records after logout", "Partial records after logout", "Errors (not 200/204/401)")
                .caption("**Logout race** (each round: sign in, " + raceConcurrency + " threads send "
                        + PeerRace.PAGES_BEFORE + " page requests each while the user signs out, then one more each "
                        + "after the logout answered; records looked up in the store at the end):");
        for (int i = 0; i < apps.size(); i++) {
            PeerRace.Result r = races.get(i);
            race.row(apps.get(i).label, r.rounds() + " × " + r.concurrency(), r.requests(), r.servedAfterLogout(),
                    r.complete(), r.partial(), r.errors() + (r.firstError() == null ? "" : " (" + r.firstError() + ")"));
        }

        Table burstTable = new Table("Application", "Burst of 1", "Burst of 6", "Burst of 32")
                .caption("**Store round trips per request in bursts** (" + burstCount + " bursts per size, each of a "
                        + "new session: that many connections send its page request at the same moment; Staleguard's "
                        + "concurrent requests of one session share one touch sent after they arrived, R9):");
        for (PeerApp app : apps) {
            List<Object> cells = new ArrayList<>(List.of(app.label));
            bursts.stream().filter(b -> b.app().equals(app.app))
                    .forEach(b -> cells.add(Table.number(b.roundTripsPerRequest())));
            if (cells.size() == 4) {
                burstTable.row(cells.toArray());
            }
        }

        Section s = new Section("5. Peers: Staleguard and Spring Session on one Tomcat", "Method: one embedded Tomcat "
                + "10.1 in the benchmark's JVM with one context per way of keeping sessions, the same page (it reads "
                + "its session's attribute and answers 1 KiB), the same load client as part 3, the same PostgreSQL and "
                + "Redis on localhost. (a) the container's sessions, no shared store; (b) Staleguard in store mode with "
                + "`rolling=true`, both filters as the drop-in registers them; (c) Spring Session 3.5 configured as its "
                + "reference documentation does without Spring Boot (`@EnableJdbcHttpSession`, `@EnableRedisHttpSession`, "
                + "`@EnableRedisIndexedHttpSession`, defaults otherwise), whose every request saves the session's new "
                + "last-access time. **Read the comparison with what each keeps in mind**: Spring Session keeps the "
                + "attributes in the shared store, so any node can serve any request; Staleguard keeps one existence "
                + "record per session (the revocation and rolling expiry) and leaves the attributes to the container, "
                + "so its sessions are shared only where the container shares them. Spring Session re-sends no cookie "
                + "on a rolled request (its cookie is a browser-session cookie); Staleguard re-sends the cookie with "
                + "the record's expiry (R2).")
                .table(load16).table(burstTable).table(race);
        ratioTarget(s, "PostgreSQL: Staleguard / Spring Session JDBC", throughputs.get("sg-jdbc"),
                throughputs.get("spring-jdbc"));
        ratioTarget(s, "Redis: Staleguard / Spring Session RedisSessionRepository", throughputs.get("sg-redis"),
                throughputs.get("spring-redis"));
        ratioTarget(s, "Redis: Staleguard / Spring Session RedisIndexedSessionRepository", throughputs.get("sg-redis"),
                throughputs.get("spring-redis-indexed"));
        for (String app : List.of("sg-jdbc", "sg-redis")) {
            double trips = perRequest.get(app);
            s.target(new Target("Store round trips per rolled request, " + label(apps, app), "1 (peers: counted alike)",
                    String.format(Locale.ROOT, "%s (Spring Session: JDBC %s, Redis %s, Redis indexed %s)",
                            Table.number(trips), Table.number(perRequest.get("spring-jdbc")),
                            Table.number(perRequest.get("spring-redis")),
                            Table.number(perRequest.get("spring-redis-indexed"))),
                    Math.abs(trips - 1) < 0.005));
        }
        for (String app : List.of("sg-jdbc", "sg-redis")) {
            s.target(new Target("Store round trips per request in bursts of 6, " + label(apps, app),
                    "≤ 0.25; ≤ 1 always", String.format(Locale.ROOT, "%s (bursts of 1: %s, of 32: %s)",
                            Table.number(burst(bursts, app, 6)), Table.number(burst(bursts, app, 1)),
                            Table.number(burst(bursts, app, 32))),
                    burst(bursts, app, 6) <= 0.25 && bursts.stream().filter(b -> b.app().equals(app))
                            .allMatch(b -> b.roundTripsPerRequest() <= 1)));
        }
        for (int i = 0; i < apps.size(); i++) {
            PeerApp app = apps.get(i);
            if (!app.app.startsWith("sg-")) {
                continue;
            }
            PeerRace.Result r = races.get(i);
            StringBuilder peers = new StringBuilder();
            for (int j = 0; j < apps.size(); j++) {
                if (apps.get(j).app.startsWith("spring-")) {
                    PeerRace.Result p = races.get(j);
                    peers.append(peers.isEmpty() ? "" : "; ").append(apps.get(j).app).append(": ")
                            .append(p.servedAfterLogout()).append(" / ").append(p.complete()).append(" / ")
                            .append(p.partial());
                }
            }
            s.target(new Target("Logout race, " + app.label + ": served after logout / whole / partial records",
                    "0 / 0 / 0", r.servedAfterLogout() + " / " + r.complete() + " / " + r.partial() + " (" + peers + ")",
                    r.servedAfterLogout() == 0 && r.complete() == 0 && r.partial() == 0));
        }
        StringBuilder sample = new StringBuilder("One rolled page response of each application, as received "
                + "(the session id shortened):\n\n```\n");
        heads.forEach((app, head) -> {
            sample.append("/").append(app).append('\n');
            head.forEach(l -> sample.append("  ").append(l.replaceAll("SID=([^;]{6})[^;]*", "SID=$1…")).append('\n'));
        });
        s.note(sample.append("```").toString());
        return s;
    }

    private static void closeAll(List<PeerApp> apps) throws java.sql.SQLException {
        for (PeerApp app : apps) {
            app.close();
        }
    }

    private static double burst(List<PeerBursts.Result> bursts, String app, int size) {
        return bursts.stream().filter(b -> b.app().equals(app) && b.size() == size).findFirst().orElseThrow()
                .roundTripsPerRequest();
    }

    private static String label(List<PeerApp> apps, String app) {
        return apps.stream().filter(a -> a.app.equals(app)).findFirst().orElseThrow().label;
    }

    /** The median over rounds of the paired throughput ratio (round i of one against round i of the other). */
    private static void ratioTarget(Section s, String what, double[] ours, double[] theirs) {
        double[] ratios = new double[ours.length];
        for (int i = 0; i < ours.length; i++) {
            ratios[i] = ours[i] / theirs[i];
        }
        Arrays.sort(ratios);
        double median = ratios[ratios.length / 2];
        s.target(new Target("Throughput, " + what, "≥ " + THROUGHPUT_GOAL + "×", String.format(Locale.ROOT,
                "%s× (median of %d paired rounds; %s–%s)", Table.number(median), ratios.length,
                Table.number(ratios[0]), Table.number(ratios[ratios.length - 1])), median >= THROUGHPUT_GOAL));
    }

    private static double median(List<E2eRun> runs, java.util.function.ToDoubleFunction<E2eRun> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
}
