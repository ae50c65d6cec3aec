package io.staleguard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The logout race over HTTP against one {@link PeerApp}: in each round one user signs in, {@code concurrency} client
 * threads (one keep-alive connection each) send that session's page requests at once, {@value #PAGES_BEFORE} each,
 * and while they are in flight the user signs out ({@code POST /logout}); once the logout has answered, every thread
 * sends one more page request. Afterwards, when every response of every round has been read:
 * <ul>
 * <li><b>served after logout</b>: page requests sent after the logout answered that were served (200) rather than
 * refused (401): a revived session as the user sees it;</li>
 * <li><b>records after logout</b>: sessions whose store still (or again) holds a record, whole ({@link PeerApp.Record#COMPLETE},
 * a revived session) or partial ({@link PeerApp.Record#PARTIAL}: a save after the delete wrote part of one, as
 * spring-session #2021 and #2809 describe);</li>
 * <li><b>errors</b>: responses other than 200, 204 and 401 (a partial record that the next read cannot load, say).</li>
 * </ul>
 */
final class PeerRace {

    /** Page requests each thread sends in a round before it waits for the logout to answer. */
    static final int PAGES_BEFORE = 2;

    /** One application's outcome. */
    record Result(String app, int rounds, int concurrency, long requests, long servedAfterLogout, long complete,
            long partial, long errors, String firstError) {
    }

    private PeerRace() {
    }

    static Result run(int port, PeerApp app, int concurrency, int rounds) throws Exception {
        Round[] all = new Round[rounds];
        for (int i = 0; i < rounds; i++) {
            all[i] = new Round(concurrency);
        }
        LongAdder requests = new LongAdder();
        LongAdder servedAfter = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread worker = new Thread(() -> {
                try (E2eLoad.Connection c = new E2eLoad.Connection(port)) {
                    for (Round round : all) {
                        round.start.await();
                        for (int i = 0; i < PAGES_BEFORE; i++) {
                            page(c, round.page, requests, errors, firstError);
                        }
                        round.logoutAnswered.await();
                        if (page(c, round.page, requests, errors, firstError) == 200) {
                            servedAfter.increment();
                        }
                        round.finished.countDown();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    for (Round round : all) {
                        round.finished.countDown();
                    }
                }
            }, "peer-race-" + app.app + "-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        List<String> cookies = new ArrayList<>();
        try (E2eLoad.Connection main = new E2eLoad.Connection(port)) {
            byte[] login = request("GET", app.app, "/login", null, port);
            for (Round round : all) {
                main.send(login);
                main.readResponse(null, true);
                if (main.status != 200 || main.sessionCookie == null) {
                    throw new IOException("/" + app.app + "/login answered " + main.status + " without a SID cookie");
                }
                String cookie = main.sessionCookie;
                cookies.add(cookie);
                round.page = request("GET", app.app, "/page", cookie, port);
                round.start.countDown();
                main.send(request("POST", app.app, "/logout", cookie, port));
                main.readResponse(null, false);
                if (main.status != 204) {
                    throw new IOException("/" + app.app + "/logout answered " + main.status);
                }
                round.logoutAnswered.countDown();
                round.finished.await();
                if (failure.get() != null) {
                    throw new IllegalStateException("A race client of /" + app.app + " failed", failure.get());
                }
                if (main.close) {
                    main.reconnect();
                }
            }
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long complete = 0;
        long partial = 0;
        for (String cookie : cookies) {
            switch (app.record(cookie)) {
                case COMPLETE -> complete++;
                case PARTIAL -> partial++;
                case NONE -> {
                    // the logout stands
                }
            }
        }
        return new Result(app.app, rounds, concurrency, requests.sum(), servedAfter.sum(), complete, partial,
                errors.sum(), firstError.get());
    }

    /** @return the page's status, after counting it */
    private static int page(E2eLoad.Connection c, byte[] request, LongAdder requests, LongAdder errors,
            AtomicReference<String> firstError) throws IOException {
        c.send(request);
        c.readResponse(null, false);
        requests.increment();
        if (c.status != 200 && c.status != 401) {
            errors.increment();
            firstError.compareAndSet(null, "HTTP " + c.status);
        }
        int status = c.status;
        if (c.close) {
            c.reconnect();
        }
        return status;
    }

    static byte[] request(String method, String app, String path, String cookie, int port) {
        StringBuilder b = new StringBuilder(200).append(method).append(" /").append(app).append(path)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        if (cookie != null) {
            b.append("Cookie: SID=").append(cookie).append("\r\n");
        }
        if (method.equals("POST")) {
            b.append("Content-Length: 0\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One round's signals; {@link #page} is written before {@link #start} opens. */
    private static final class Round {
        final CountDownLatch start = new CountDownLatch(1);
        final CountDownLatch logoutAnswered = new CountDownLatch(1);
        final CountDownLatch finished;
        volatile byte[] page;

        Round(int concurrency) {
            this.finished = new CountDownLatch(concurrency);
        }
    }
}
