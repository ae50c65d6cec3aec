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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import io.staleguard.cluster.support.Nginx;
import io.staleguard.it.rolling.LogoutRace;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.SetCookie;

/**
 * {@value #USERS} signed-in users call the application through the balancer, each one call after another, while one
 * node crashes and is started again. Measured per call: when it started and ended, its status, the node that answered
 * ({@link Nginx#UPSTREAM}, the last address when nginx retried) and whether nginx retried; afterwards, for every user,
 * whether the session survived: its row is in the store, its cookie is still in the jar, and the account page answers
 * 200.
 * <p>
 * Phases, by when a call started: before the crash; while the node is down (from its JVM's end until its start
 * returned, every application deployed); after it is back. The run goes on after the restart until the restarted node has served
 * a call of every user's session (nginx tries a failed node again after its {@code fail_timeout}, 10 s), then
 * {@value #AFTER_REJOIN_MILLIS} ms more.
 */
final class NodeCrash {

    static final int USERS = 16;
    private static final long BEFORE_MILLIS = 1500;
    private static final long AFTER_REJOIN_MILLIS = 1500;
    /** How long the restarted node may take to get every session once it is back, before the run gives up. */
    private static final long REJOIN_LIMIT_MILLIS = TimeUnit.MINUTES.toMillis(2);

    /** Something that may throw, such as a node's start. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /**
     * What a run measured. A server error is a 5xx or no answer at all; any other answer but 200, or a response that
     * expires the session cookie, is a wrong answer.
     */
    record Outcome(int calls, int callsWhileDown, int callsAfterBack, int inFlightAtCrash, int inFlightOnCrashed,
            int retried,
            int serverErrorsBeforeBack, int serverErrorsAfterBack, int wrongAnswers, int lost, long downMillis,
            Set<Integer> servedByBefore, Set<Integer> servedByWhileDown, Set<Integer> servedByAfterBack,
            int usersServedByOtherWhileDown, int callsOnRestartedBeforeBack, long firstOnRestartedBeforeBackMillis,
            int usersServedByRestarted, int callsOnRestarted) {

        String summary() {
            return String.format(Locale.ROOT, "node crash and restart: %d users, %d calls: %d while the node was down "
                    + "(%d ms), %d after it was back | in flight at the crash %d, %d of them on the crashed node | "
                    + "retried by nginx %d | 5xx or no answer "
                    + "%d before it was back, %d after | other wrong answers %d | sessions lost %d | served by %s "
                    + "before, %s while down (the restarted node %d calls, from %d ms before its start returned) | "
                    + "users served by the other node while down %d, by the restarted node after it was back %d (%d "
                    + "calls)", USERS, calls, callsWhileDown, downMillis, callsAfterBack,
                    inFlightAtCrash, inFlightOnCrashed, retried, serverErrorsBeforeBack, serverErrorsAfterBack, wrongAnswers, lost,
                    servedByBefore, servedByWhileDown, callsOnRestartedBeforeBack, firstOnRestartedBeforeBackMillis,
                    usersServedByOtherWhileDown, usersServedByRestarted, callsOnRestarted);
        }
    }

    /**
     * @param passedRestarted whether nginx passed the call to the node that crashed and restarted, whichever answered
     */
    private record Call(int user, long start, long end, int status, int node, boolean retried,
            boolean passedRestarted, boolean expiredCookie) {

        boolean serverError() {
            return status == 0 || status >= 500;
        }

        boolean wrong() {
            return !serverError() && (status != 200 || expiredCookie);
        }
    }

    private final URL base;
    private final LogoutRace.Rows rows;

    NodeCrash(URL base, LogoutRace.Rows rows) {
        this.base = base;
        this.rows = rows;
    }

    /**
     * @param crash ends a node at once
     * @param restart starts it again; returns when its applications are deployed
     * @param restartedPort the HTTP port of that node, as {@link Nginx#UPSTREAM} names it
     */
    Outcome run(Step crash, Step restart, int restartedPort) throws Exception {
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
        // When the restarted node was back; none of the calls started later than this until then.
        AtomicLong backAt = new AtomicLong(Long.MAX_VALUE);
        AtomicIntegerArray servedByRestarted = new AtomicIntegerArray(USERS);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            int index = i;
            Browser user = users.get(i);
            Thread t = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    Call call;
                    try {
                        HttpResponse<String> r = user.fetch("GET", at("api/slow"), null);
                        String upstream = r.headers().firstValue(Nginx.UPSTREAM).orElse("");
                        call = new Call(index, start, System.nanoTime(), r.statusCode(), node(upstream),
                                upstream.contains(","), upstream.contains(":" + restartedPort),
                                SetCookie.all(r).stream().anyMatch(SetCookie::deletes));
                    } catch (Exception e) {
                        call = new Call(index, start, System.nanoTime(), 0, -1, false, false, false);
                    }
                    calls.add(call);
                    if (call.start() > backAt.get() && call.node() == restartedPort && call.status() == 200) {
                        servedByRestarted.set(index, 1);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long crashStart;
        long crashEnd;
        long back;
        try {
            Thread.sleep(BEFORE_MILLIS);
            crashStart = System.nanoTime();
            crash.run();
            crashEnd = System.nanoTime();
            restart.run();
            back = System.nanoTime();
            backAt.set(back);
            long limit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REJOIN_LIMIT_MILLIS);
            while (count(servedByRestarted) < USERS && System.nanoTime() < limit) {
                Thread.sleep(100);
            }
            Thread.sleep(AFTER_REJOIN_MILLIS);
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
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
        int whileDown = 0;
        int afterBack = 0;
        int inFlight = 0;
        int inFlightOnCrashed = 0;
        int retried = 0;
        int errorsBefore = 0;
        int errorsAfter = 0;
        int wrong = 0;
        int onRestarted = 0;
        int onRestartedBeforeBack = 0;
        long firstOnRestartedBeforeBack = back;
        Set<Integer> before = new TreeSet<>();
        Set<Integer> down = new TreeSet<>();
        Set<Integer> after = new TreeSet<>();
        Set<Integer> usersServedWhileDown = new TreeSet<>();
        for (Call c : calls) {
            if (c.wrong()) {
                wrong++;
            }
            if (c.retried()) {
                retried++;
            }
            if (c.start() < crashStart && c.end() > crashStart) {
                inFlight++;
                // A call on the crashed node fails, or nginx passes it on to the other one.
                if (c.passedRestarted() || c.serverError()) {
                    inFlightOnCrashed++;
                }
            }
            if (c.start() < back) {
                if (c.serverError()) {
                    errorsBefore++;
                }
            } else {
                afterBack++;
                after.add(c.node());
                if (c.serverError()) {
                    errorsAfter++;
                }
                if (c.node() == restartedPort) {
                    onRestarted++;
                }
            }
            if (c.end() < crashStart) {
                before.add(c.node());
            } else if (c.start() > crashEnd && c.start() < back) {
                whileDown++;
                down.add(c.node());
                if (c.status() == 200 && c.node() != restartedPort) {
                    usersServedWhileDown.add(c.user());
                }
                // Its listener opens as its deployments finish, a moment before the start sees them all deployed.
                if (c.node() == restartedPort) {
                    onRestartedBeforeBack++;
                    firstOnRestartedBeforeBack = Math.min(firstOnRestartedBeforeBack, c.start());
                }
            }
        }
        return new Outcome(calls.size(), whileDown, afterBack, inFlight, inFlightOnCrashed, retried, errorsBefore,
                errorsAfter, wrong, lost, TimeUnit.NANOSECONDS.toMillis(back - crashStart), before, down, after,
                usersServedWhileDown.size(), onRestartedBeforeBack,
                TimeUnit.NANOSECONDS.toMillis(back - firstOnRestartedBeforeBack), count(servedByRestarted),
                onRestarted);
    }

    private static int count(AtomicIntegerArray flags) {
        int n = 0;
        for (int i = 0; i < flags.length(); i++) {
            n += flags.get(i);
        }
        return n;
    }

    /** @return the port of the node that answered, the last one nginx tried */
    private static int node(String upstream) {
        String last = upstream.substring(upstream.lastIndexOf(' ') + 1);
        return last.isEmpty() ? -1 : Integer.parseInt(last.substring(last.lastIndexOf(':') + 1));
    }

    private URI at(String path) {
        return URI.create(base + path);
    }
}
