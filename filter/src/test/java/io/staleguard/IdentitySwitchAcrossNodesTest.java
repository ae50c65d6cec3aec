package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.store.TestStores;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * I1 with several nodes: each node remembers only its own recoveries, so when the proxy's switch reaches two nodes at
 * once, both end the session; the shared store's {@link SessionStore#deleteIfPresent} answers true to one of them, and
 * only that one announces. Two {@link RollingApp}s on one store stand for two nodes, each with its own container
 * session holding alice.
 */
@DisplayName("I1 E1 N2 across nodes: one IDENTITY_CHANGED per switched session, whichever node sees it first")
class IdentitySwitchAcrossNodesTest {

    private final InMemorySessionStore memory = new InMemorySessionStore();
    private final List<RollingApp> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(RollingApp::close);
    }

    private RollingApp node(SessionStore store) throws Exception {
        RollingApp node = RollingApp.start(store, "identity-header", "X-User", "identity-attribute", "user");
        nodes.add(node);
        return node;
    }

    /** A node with rolling on, its filters registered as the jar's drop-ins (one filter doing both) or apart. */
    private RollingApp rollingNode(boolean dropIns) throws Exception {
        String[] configuration = { "rolling", "true", "identity-header", "X-User", "identity-attribute", "user" };
        RollingApp node = dropIns ? RollingApp.dropIns(memory, configuration)
                : RollingApp.start(memory, configuration).rollingFirst();
        nodes.add(node);
        return node;
    }

    private static MockHttpSession aliceOnThisNode() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute("user", "alice@example.com");
        return session;
    }

    private static MockHttpServletRequest switched(String id, MockHttpSession session) {
        MockHttpServletRequest r = RollingApp.request("/api/docs", COOKIE, id);
        r.setRemoteAddr("127.0.0.1");
        r.addHeader("X-User", "bob@example.com");
        r.setSession(session);
        return r;
    }

    private static int events(List<RollingApp> nodes) {
        int n = 0;
        for (RollingApp node : nodes) {
            for (SessionEnded e : node.events) {
                assertEquals(EndReason.IDENTITY_CHANGED, e.reason());
                n++;
            }
        }
        return n;
    }

    @Test
    @DisplayName("I1 E1 S1: the switch reaches node A, then node B: both 401, the record gone, one event (A's)")
    void oneAfterTheOther() throws Exception {
        switchReachesAThenB(node(memory), node(memory));
    }

    @ParameterizedTest(name = "drop-ins: {0}")
    @ValueSource(booleans = { true, false })
    @DisplayName("I1 E1 R2: with rolling, the touch runs before the identity check (the drop-ins as one filter, or the "
            + "rolling filter mapped first): B's touch finds A's deletion, and B still does not announce")
    void oneAfterTheOtherWithRolling(boolean dropIns) throws Exception {
        switchReachesAThenB(rollingNode(dropIns), rollingNode(dropIns));
    }

    /** Alice's session reaches node A with bob's header, then node B: both 401, the record gone, A announces. */
    private void switchReachesAThenB(RollingApp a, RollingApp b) throws Exception {
        String id = TestStores.live(memory, Instant.now());
        assertEquals(401, a.run(switched(id, aliceOnThisNode()), RollingApp.ok()).getStatus());
        assertEquals(401, b.run(switched(id, aliceOnThisNode()), RollingApp.ok()).getStatus());
        assertTrue(memory.lookupAuthoritative(id).isEmpty());
        assertEquals(1, a.events.size());
        assertEquals(0, b.events.size());
    }

    @Test
    @DisplayName("I1 E1 S1: the switch reaches both nodes at once, 200 rounds → one event per round, summed over both")
    void atOnce() throws Exception {
        raceBoth(List.of(node(memory), node(memory)));
    }

    @ParameterizedTest(name = "drop-ins: {0}")
    @ValueSource(booleans = { true, false })
    @DisplayName("I1 E1 R2: the same race with rolling on, the touch before the identity check → one event per round")
    void atOnceWithRolling(boolean dropIns) throws Exception {
        raceBoth(List.of(rollingNode(dropIns), rollingNode(dropIns)));
    }

    private void raceBoth(List<RollingApp> both) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                String id = TestStores.live(memory, Instant.now());
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<RawResponse>> answers = new ArrayList<>();
                for (RollingApp node : both) {
                    MockHttpServletRequest request = switched(id, aliceOnThisNode());
                    answers.add(pool.submit(() -> {
                        start.await();
                        return node.run(request, RollingApp.ok());
                    }));
                }
                for (Future<RawResponse> answer : answers) {
                    assertEquals(401, answer.get().getStatus());
                }
                assertEquals(round + 1, events(both), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("I1 foil: a store that cannot tell (deleteIfPresent's default answers true) → one event per node")
    void storeThatCannotTell() throws Exception {
        CountingStore cannotTell = new CountingStore(memory);
        RollingApp a = node(cannotTell);
        RollingApp b = node(cannotTell);
        String id = TestStores.live(memory, Instant.now());
        a.run(switched(id, aliceOnThisNode()), RollingApp.ok());
        b.run(switched(id, aliceOnThisNode()), RollingApp.ok());
        assertEquals(1, a.events.size());
        assertEquals(1, b.events.size());
    }

    @Test
    @DisplayName("I1 E1: while the first call of a burst is deleting the record, a second call on the same node "
            + "answers 401 and leaves the container session to the first call, which ends it → one event (the first "
            + "call's: the store said it removed it)")
    void invalidatedWhileDeleting() throws Exception {
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RollingApp a = node(new HeldDelete(memory, deleting, release));
        String id = TestStores.live(memory, Instant.now());
        MockHttpSession alice = aliceOnThisNode();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RawResponse> first = pool.submit(() -> runHoldingSession(a, switched(id, alice), alice));
            assertTrue(deleting.await(10, TimeUnit.SECONDS), "the first call reached the store");
            assertEquals(401, runHoldingSession(a, switched(id, alice), alice).getStatus());
            assertFalse(alice.isInvalid(), "the second call left alice's session to the first call");
            release.countDown();
            assertEquals(401, first.get().getStatus());
            assertTrue(alice.isInvalid(), "the first call ended alice's session");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(1, a.events.size(), "announced once");
        assertTrue(memory.lookupAuthoritative(id).isEmpty());
    }

    /**
     * Runs {@code request} as Undertow serves it: the session the request found stays its session, also after a
     * concurrent request invalidated it (then every use of it throws {@code IllegalStateException}).
     */
    private static RawResponse runHoldingSession(RollingApp node, MockHttpServletRequest request,
            MockHttpSession session) throws Exception {
        RawResponse response = new RawResponse();
        node.run(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession(boolean create) {
                return session;
            }

            @Override
            public HttpSession getSession() {
                return session;
            }
        }, response, RollingApp.ok());
        return response;
    }

    /** Holds {@code deleteIfPresent} until released, so another call can run meanwhile. */
    private record HeldDelete(SessionStore real, CountDownLatch deleting, CountDownLatch release)
            implements SessionStore {

        @Override
        public boolean deleteIfPresent(String id) {
            deleting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.deleteIfPresent(id);
        }

        @Override
        public Optional<StoredSession> lookup(String id) {
            return real.lookup(id);
        }

        @Override
        public TouchResult touchIfPresent(String id, Instant newExpiry) {
            return real.touchIfPresent(id, newExpiry);
        }

        @Override
        public void delete(String id) {
            real.delete(id);
        }
    }
}
