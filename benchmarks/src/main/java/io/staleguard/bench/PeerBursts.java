package io.staleguard.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bursts of one session over HTTP, as a page whose scripts call several APIs at once: {@code size} connections send
 * the same session's page request at the same moment, wait for every answer, and do it again; a new session every
 * burst, signed in beforehand. The store round trips of the page requests, divided by their number, is what a request
 * costs in a burst of that size (single flight, R9).
 */
final class PeerBursts {

    /** One application at one burst size. */
    record Result(String app, int size, int bursts, long requests, long roundTrips) {
        double roundTripsPerRequest() {
            return roundTrips / (double) requests;
        }
    }

    private PeerBursts() {
    }

    static Result run(int port, PeerApp app, int size, int bursts) throws Exception {
        List<String> cookies = new ArrayList<>();
        try (E2eLoad.Connection c = new E2eLoad.Connection(port)) {
            byte[] login = PeerRace.request("GET", app.app, "/login", null, port);
            for (int i = 0; i < bursts; i++) {
                c.send(login);
                c.readResponse(null, true);
                if (c.status != 200 || c.sessionCookie == null) {
                    throw new IOException("/" + app.app + "/login answered " + c.status);
                }
                cookies.add(c.sessionCookie);
                if (c.close) {
                    c.reconnect();
                }
            }
        }
        CyclicBarrier go = new CyclicBarrier(size + 1);
        CyclicBarrier done = new CyclicBarrier(size + 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < size; t++) {
            Thread worker = new Thread(() -> {
                try (E2eLoad.Connection c = new E2eLoad.Connection(port)) {
                    for (String cookie : cookies) {
                        byte[] page = PeerRace.request("GET", app.app, "/page", cookie, port);
                        go.await(30, TimeUnit.SECONDS);
                        c.send(page);
                        c.readResponse(null, false);
                        if (c.status != 200) {
                            failure.compareAndSet(null, new IOException("/" + app.app + "/page answered " + c.status));
                        }
                        if (c.close) {
                            c.reconnect();
                        }
                        done.await(30, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    go.reset();
                    done.reset();
                }
            }, "peer-burst-" + app.app + "-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long before = app.roundTrips.sum();
        for (int i = 0; i < bursts; i++) {
            go.await(30, TimeUnit.SECONDS);
            done.await(30, TimeUnit.SECONDS);
        }
        long roundTrips = app.roundTrips.sum() - before;
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A burst of /" + app.app + " failed", failure.get());
        }
        return new Result(app.app, size, bursts, (long) size * bursts, roundTrips);
    }
}
