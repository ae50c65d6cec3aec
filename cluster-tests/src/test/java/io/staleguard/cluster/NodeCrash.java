package io.staleguard.cluster;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.staleguard.cluster.support.Nginx;
import io.staleguard.it.rolling.LogoutRace;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.SetCookie;

/**
 * {@value #USERS} signed-in users call the application through the balancer, each one call after another, while one
 * node crashes. Measured per call: when it started and ended, its status, the node that answered ({@link Nginx#UPSTREAM},
 * the last address when nginx retried); afterwards, for every user, whether the session survived: its row is in the
 * store, its cookie is still in the jar, and the account page answers 200.
 */
final class NodeCrash {

    static final int USERS = 16;
    private static final long BEFORE_MILLIS = 1500;
    private static final long AFTER_MILLIS = 2500;

    /** What a run measured. */
    record Outcome(int calls, int callsAfterCrash, int serverErrors, int serverErrorsAfterCrash, int inFlightAtCrash,
            int lost, Set<Integer> servedByBefore, Set<Integer> servedByAfter) {

        String summary() {
            return String.format(Locale.ROOT, "node crash: %d users, %d calls (%d after the crash), 5xx or no answer %d "
                    + "(%d after the crash), in flight at the crash %d, sessions lost %d | served by %s before, %s "
                    + "after", USERS, calls, callsAfterCrash, serverErrors, serverErrorsAfterCrash, inFlightAtCrash,
                    lost, servedByBefore, servedByAfter);
        }
    }

    private record Call(long start, long end, int status, int node, boolean expiredCookie) {
    }

    private final URL base;
    private final LogoutRace.Rows rows;

    NodeCrash(URL base, LogoutRace.Rows rows) {
        this.base = base;
        this.rows = rows;
    }

    Outcome run(Runnable crash) throws Exception {
        List<Browser> users = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            Browser user = new Browser();
            HttpResponse<String> login = user.fetch("POST", at("login"), Browser.form());
            if (login.statusCode() != 200) {
                throw new AssertionError("sign-in answered " + login.statusCode() + ": " + login.body());
            }
            users.add(user);
            ids.add(user.cookie("SID"));
        }
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (Browser user : users) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = user.fetch("GET", at("api/slow"), null);
                        calls.add(new Call(start, System.nanoTime(), r.statusCode(), node(r),
                                SetCookie.all(r).stream().anyMatch(SetCookie::deletes)));
                    } catch (Exception e) {
                        calls.add(new Call(start, System.nanoTime(), 0, -1, false));
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(BEFORE_MILLIS);
        long crashStart = System.nanoTime();
        crash.run();
        long crashEnd = System.nanoTime();
        // The users go on for a while after the crash, however long the crash took.
        Thread.sleep(AFTER_MILLIS);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }

        int lost = 0;
        for (int i = 0; i < USERS; i++) {
            Browser user = users.get(i);
            boolean alive = rows.of(ids.get(i)) == 1 && ids.get(i).equals(user.cookie("SID"))
                    && user.fetch("GET", at("account/me"), null).statusCode() == 200;
            if (!alive) {
                lost++;
            }
        }
        int errors = 0;
        int errorsAfter = 0;
        int inFlight = 0;
        int after = 0;
        Set<Integer> before = new TreeSet<>();
        Set<Integer> afterNodes = new TreeSet<>();
        for (Call c : calls) {
            boolean failed = c.status() == 0 || c.status() >= 500 || c.expiredCookie();
            if (failed) {
                errors++;
            }
            if (c.start() < crashStart && c.end() > crashStart) {
                inFlight++;
            }
            if (c.end() < crashStart) {
                before.add(c.node());
            }
            if (c.start() > crashEnd) {
                after++;
                afterNodes.add(c.node());
                if (failed) {
                    errorsAfter++;
                }
            }
        }
        return new Outcome(calls.size(), after, errors, errorsAfter, inFlight, lost, before, afterNodes);
    }

    /** @return the port of the node that answered, the last one nginx tried */
    private static int node(HttpResponse<?> response) {
        String upstream = response.headers().firstValue(Nginx.UPSTREAM).orElse("");
        String last = upstream.substring(upstream.lastIndexOf(' ') + 1);
        return last.isEmpty() ? -1 : Integer.parseInt(last.substring(last.lastIndexOf(':') + 1));
    }

    private URI at(String path) {
        return URI.create(base + path);
    }
}
