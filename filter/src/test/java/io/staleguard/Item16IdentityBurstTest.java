package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Issue 12, item 16: six parallel script calls carry alice's session after the proxy switched to bob. Each must get
 * the same 401, whether it reaches the filter before, while or after the first one ends alice's session: none may
 * run the application, which would sign bob in on a fresh session and put his data into alice's page.
 */
@DisplayName("Issue 12 item 16: a burst after an identity switch never mixes two users")
class Item16IdentityBurstTest {

    private static final String ALICE_SESSION = "alice-session-id";

    private Harness app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    /** The container: alice's session while it is valid; after that, the id names nothing, and a new one is made. */
    private static MockHttpServletRequest call(MockHttpSession alice) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/app/api/docs") {
            private HttpSession created;

            @Override
            public synchronized HttpSession getSession(boolean create) {
                if (!alice.isInvalid()) {
                    return alice;
                }
                if (created == null && create) {
                    created = new MockHttpSession();
                }
                return created;
            }

            @Override
            public boolean isRequestedSessionIdValid() {
                return !alice.isInvalid();
            }
        };
        return bobsApiCall(r, ALICE_SESSION);
    }

    /**
     * Makes {@code r} a script call to {@code /app/api/docs} with the session cookie {@code sessionId}, from the
     * trusted proxy, which now names bob.
     */
    static MockHttpServletRequest bobsApiCall(MockHttpServletRequest r, String sessionId) {
        r.setContextPath("/app");
        r.setServletPath("/api/docs");
        r.addHeader("Accept", "application/json");
        r.addHeader("X-User", "bob@example.com");
        r.setRemoteAddr("127.0.0.1");
        r.setRequestedSessionId(sessionId);
        Harness.withCookies(r, "JSESSIONID", sessionId);
        return r;
    }

    /** The application signs in whoever the proxy names when the session has nobody, and answers with their data. */
    private static Harness.App docs(AtomicInteger ran) {
        return (req, res) -> {
            ran.incrementAndGet();
            HttpSession session = req.getSession(true);
            if (session.getAttribute("user") == null) {
                session.setAttribute("user", req.getHeader("X-User"));
            }
            res.setStatus(200);
            res.getWriter().write("{\"docsOf\":\"" + session.getAttribute("user") + "\"}");
        };
    }

    @Test
    @DisplayName("Issue 12 item 16: one call ends alice's session, then five parallel calls with her cookie: all "
            + "six get the same 401, the application never runs, one event")
    void burstAllGetThe401() throws Exception {
        app = Harness.withInitParams("identity-header", "X-User", "identity-attribute", "user");
        MockHttpSession alice = new MockHttpSession(null, ALICE_SESSION);
        alice.setAttribute("user", "alice@example.com");
        AtomicInteger ran = new AtomicInteger();

        List<RawResponse> answers = new ArrayList<>();
        answers.add(app.run(call(alice), docs(ran)));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RawResponse>> burst = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                burst.add(pool.submit(() -> {
                    go.await();
                    return app.run(call(alice), docs(ran));
                }));
            }
            go.countDown();
            for (Future<RawResponse> f : burst) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        for (RawResponse r : answers) {
            assertEquals(401, r.getStatus(), r.body());
            assertEquals(answers.get(0).body(), r.body());
            assertEquals(answers.get(0).headers("Session-Restart"), r.headers("Session-Restart"));
            assertFalse(r.body().contains("bob"), r.body());
        }
        assertEquals(0, ran.get(), "the application never ran as bob on alice's calls");
        assertEquals(1, app.events.size(), "alice's session ended once");
        assertEquals(EndReason.IDENTITY_CHANGED, app.events.get(0).reason());
    }

    @Test
    @DisplayName("E1: the call that ended alice's session announces it even when a later call of the burst reaches "
            + "the HttpSession first (the interleaving the WildFly browser test met): exactly one IDENTITY_CHANGED")
    void firstCallAnnouncesWhenALaterCallReachesTheSessionFirst() throws Exception {
        app = Harness.withInitParams("identity-header", "X-User", "identity-attribute", "user");
        AtomicInteger ran = new AtomicInteger();
        ExecutorService peer = Executors.newSingleThreadExecutor();
        List<RawResponse> answers = new ArrayList<>();
        try {
            // The first call has recorded the end of alice's session and is about to invalidate it; the second call
            // of the burst runs from start to finish in that instant.
            MockHttpSession alice = new MockHttpSession(null, ALICE_SESSION) {
                private final AtomicBoolean first = new AtomicBoolean(true);

                @Override
                public void invalidate() {
                    if (first.getAndSet(false)) {
                        try {
                            answers.add(peer.submit(() -> app.run(call(this), docs(ran))).get());
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                    super.invalidate();
                }
            };
            alice.setAttribute("user", "alice@example.com");
            answers.add(0, app.run(call(alice), docs(ran)));
            assertTrue(alice.isInvalid(), "alice's session ended");
        } finally {
            peer.shutdownNow();
        }

        assertEquals(2, answers.size());
        for (RawResponse r : answers) {
            assertEquals(401, r.getStatus(), r.body());
            assertEquals(answers.get(0).headers("Session-Restart"), r.headers("Session-Restart"));
        }
        assertEquals(0, ran.get(), "the application never ran as bob on alice's calls");
        assertEquals(List.of(EndReason.IDENTITY_CHANGED), app.events.stream().map(SessionEnded::reason).toList(),
                "one announcement for the switch");
    }

    @Test
    @DisplayName("Issue 12 item 16: six calls released together (any interleaving): all six get the 401")
    void parallelBurst() throws Exception {
        app = Harness.withInitParams("identity-header", "X-User", "identity-attribute", "user");
        for (int round = 0; round < 20; round++) {
            MockHttpSession alice = new MockHttpSession(null, ALICE_SESSION + round);
            alice.setAttribute("user", "alice@example.com");
            AtomicInteger ran = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<RawResponse>> burst = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    burst.add(pool.submit(() -> {
                        go.await();
                        MockHttpServletRequest r = call(alice);
                        r.setRequestedSessionId(alice.getId());
                        Harness.withCookies(r, "JSESSIONID", alice.getId());
                        return app.run(r, docs(ran));
                    }));
                }
                go.countDown();
                for (Future<RawResponse> f : burst) {
                    assertEquals(401, f.get().getStatus(), f.get().body());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, ran.get());
        }
    }
}
