package io.staleguard.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import io.staleguard.Staleguard;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Incident 2 as a repeatable experiment, on {@value #NODES} application nodes sharing one store. Each round creates a
 * session, then fires {@code requests} concurrent rolling
 * requests carrying its cookie and one logout request, all through the real filter chain ({@link StaleSessionFilter},
 * then {@link RollingSessionFilter}, then an application that answers, or calls {@link Staleguard#logout}). The logout
 * starts after a random number of the rolling requests has started, so it lands in the middle of them. When every
 * response is in, the logout has committed: a session still present in the store is a revival.
 * <p>
 * It also counts late refreshes: responses to requests that started after the logout had returned which still carry
 * a refreshed session cookie. The {@code requests} of a round are a burst of one session, so they share touches
 * (single flight, R9): a late refresh would also show a request after the logout sharing a touch sent before it.
 */
public final class RaceHarness implements AutoCloseable {

    static final String COOKIE = "SID";

    /**
     * Application nodes sharing the store: each has its own filters, so its own single flights (R9). The requests of a
     * round go to the nodes in turn, {@value #REQUESTS} / {@value} = 4 of one session per node at once: a burst on each
     * node, and touches in the air on many nodes at once, as behind a load balancer.
     */
    static final int NODES = 16;

    /** Concurrent rolling requests per round. */
    public static final int REQUESTS = 64;
    /** Rounds per real store: 1,000 by default, {@code -Dstaleguard.race.rounds=N} to change. */
    public static final int ROUNDS = Integer.getInteger("staleguard.race.rounds", 1000);
    /** Rounds per foil: as many by default, {@code -Dstaleguard.race.foil-rounds=N} to shorten a local run. */
    public static final int FOIL_ROUNDS = Integer.getInteger("staleguard.race.foil-rounds", ROUNDS);

    /** What one run measured. */
    record Outcome(String name, int rounds, int revived, int lateRefreshes, long touched, long gone, long storeTouches,
            long millis) {
        String revivedText() {
            return revived + "/" + rounds;
        }
    }

    private final int requests;
    private final ExecutorService threads;

    public RaceHarness(int requests) {
        this.requests = requests;
        this.threads = Executors.newFixedThreadPool(requests + 1);
    }

    /**
     * @param store the store under test (a real one, or a foil)
     * @param present whether a session's record is in the store, read around the store's own logic
     */
    Outcome run(String name, SessionStore store, Predicate<String> present, int rounds) throws Exception {
        // Counts the touches the bursts cost: concurrent requests of one session on a node share a touch (R9).
        CountingStore counting = new CountingStore(store);
        Node[] nodes = new Node[NODES];
        for (int n = 0; n < NODES; n++) {
            nodes[n] = new Node(counting);
        }
        int revived = 0;
        AtomicInteger late = new AtomicInteger();
        AtomicInteger touched = new AtomicInteger();
        AtomicInteger gone = new AtomicInteger();
        long start = System.nanoTime();
        try {
            for (int round = 0; round < rounds; round++) {
                String id = "race-" + round + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
                store.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
                round(nodes, id, late, touched, gone);
                if (present.test(id)) {
                    revived++;
                }
            }
        } finally {
            for (Node node : nodes) {
                node.destroy();
            }
        }
        return new Outcome(name, rounds, revived, late.get(), touched.get(), gone.get(), counting.touches.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** One application node: its own servlet context and filters (so its own single flights), the shared store. */
    private static final class Node {
        final MockServletContext context = new MockServletContext();
        final StaleSessionFilter stale = new StaleSessionFilter();
        final RollingSessionFilter rolling = new RollingSessionFilter();

        Node(SessionStore store) throws ServletException {
            context.setContextPath("/app");
            context.setAttribute(SessionStore.ATTRIBUTE, store);
            context.addInitParameter("staleguard.session-cookie", COOKIE + ";path=/app");
            context.addInitParameter("staleguard.rolling", "true");
            stale.init(new MockFilterConfig(context, "staleguard"));
            rolling.init(new MockFilterConfig(context, "rolling"));
        }

        void destroy() {
            rolling.destroy();
            stale.destroy();
        }
    }

    private void round(Node[] nodes, String id, AtomicInteger late, AtomicInteger touched, AtomicInteger gone)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        int logoutAfter = ThreadLocalRandom.current().nextInt(requests);
        boolean[] loggedOut = new boolean[1];
        Object lock = new Object();
        List<Future<?>> futures = new ArrayList<>(requests + 1);
        for (int i = 0; i < requests; i++) {
            Node node = nodes[i % nodes.length];
            futures.add(threads.submit(() -> {
                go.await();
                started.incrementAndGet();
                boolean afterLogout;
                synchronized (lock) {
                    afterLogout = loggedOut[0];
                }
                RawResponse r = exchange(node, id, false);
                boolean refreshed = r.setCookies(COOKIE).stream().anyMatch(c -> !c.startsWith(COOKIE + "=;"));
                (refreshed ? touched : gone).incrementAndGet();
                if (refreshed && afterLogout) {
                    late.incrementAndGet();
                }
                return null;
            }));
        }
        Node logoutNode = nodes[ThreadLocalRandom.current().nextInt(nodes.length)];
        futures.add(threads.submit(() -> {
            go.await();
            while (started.get() < logoutAfter) {
                Thread.yield();
            }
            exchange(logoutNode, id, true);
            synchronized (lock) {
                loggedOut[0] = true;
            }
            return null;
        }));
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    private static RawResponse exchange(Node node, String id, boolean logout) throws IOException, ServletException {
        MockServletContext context = node.context;
        String path = logout ? "/logout" : "/api/data";
        MockHttpServletRequest request = new MockHttpServletRequest(context, logout ? "POST" : "GET", "/app" + path);
        request.setContextPath("/app");
        request.setServletPath(path);
        request.addHeader("Accept", "application/json");
        request.setCookies(new Cookie(COOKIE, id));
        RawResponse response = new RawResponse();
        FilterChain app = (req, res) -> {
            if (logout) {
                Staleguard.logout((HttpServletRequest) req, (HttpServletResponse) res);
            }
            ((HttpServletResponse) res).setStatus(200);
        };
        node.stale.doFilter(request, response, (req, res) -> node.rolling.doFilter(req, res, app));
        if (response.getStatus() != 200) {
            throw new AssertionError("status " + response.getStatus());
        }
        return response;
    }

    /**
     * Runs the real store and both foils, prints one line, and asserts: the real store revives nothing and sends no
     * late refresh, the logout landed among the requests, and both foils revive sessions (so the race was there to
     * see).
     *
     * @param name the store's name for the line
     * @param realPresent whether a session's record is in the real store, read around the store's own logic
     * @param foilPresent the same for the foils' store
     * @return the line printed
     */
    public String race(String name, SessionStore real, Predicate<String> realPresent, SessionStore readThenWrite,
            SessionStore upsert, Predicate<String> foilPresent) throws Exception {
        Outcome naive = run(name + " read-then-write", readThenWrite, foilPresent, FOIL_ROUNDS);
        Outcome upserting = run(name + " upsert", upsert, foilPresent, FOIL_ROUNDS);
        Outcome guarded = run(name, real, realPresent, ROUNDS);
        String line = String.format(Locale.ROOT,
                "revived: %-8s naive=%s upsert=%s staleguard=%s | late refreshes: naive=%d upsert=%d staleguard=%d"
                        + " | staleguard touched=%d gone=%d, store touches per rolling request %.3f"
                        + " | %.1f s + %.1f s + %.1f s",
                name, naive.revivedText(), upserting.revivedText(), guarded.revivedText(), naive.lateRefreshes(),
                upserting.lateRefreshes(), guarded.lateRefreshes(), guarded.touched(), guarded.gone(),
                guarded.storeTouches() / (double) (guarded.rounds() * (long) requests),
                naive.millis() / 1e3, upserting.millis() / 1e3, guarded.millis() / 1e3);
        System.out.println(line);
        assertEquals(0, guarded.revived(), "R2: sessions revived by a rolling request after the logout committed");
        assertEquals(0, guarded.lateRefreshes(), "R3: refreshed cookies sent for requests that began after the logout");
        assertTrue(guarded.touched() > 0 && guarded.gone() > 0,
                "the logout must land in the middle of the requests: " + guarded);
        assertTrue(naive.revived() > 0, "the harness must see the read-then-write foil revive sessions: " + naive);
        assertTrue(upserting.revived() > 0, "the harness must see the upsert foil revive sessions: " + upserting);
        return line;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
