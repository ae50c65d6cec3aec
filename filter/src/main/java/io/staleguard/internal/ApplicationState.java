package io.staleguard.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.staleguard.internal.ops.Counters;
import io.staleguard.internal.ops.Events;
import io.staleguard.internal.ops.Throttle;
import io.staleguard.internal.recovery.RecentlyEnded;

/**
 * What every engine of one application shares, owned by its {@link ApplicationRuntime}: the one clock, the counters,
 * the event listeners, the warning throttles and the sessions ended within the retry window.
 */
public final class ApplicationState {

    private final Counters counters = new Counters();
    private final Events events;
    /** SG0010 at most once a minute per application. */
    private final Throttle storeWarnings = new Throttle(1, TimeUnit.MINUTES);
    /** SG0003 at most once a minute per application, however many browsers loop. */
    private final Throttle loopWarnings = new Throttle(1, TimeUnit.MINUTES);
    /** The sessions ended within the retry window (E1 once, I1 burst, S3 delete once), with the first engine's window. */
    private final AtomicReference<RecentlyEnded> recentlyEnded = new AtomicReference<>();
    private volatile Clock clock = Clock.systemUTC();

    ApplicationState(Events events) {
        this.events = events;
    }

    /** @return the clock every time-dependent decision of the application reads */
    public Clock clock() {
        return clock;
    }

    /** For tests: a clock that moves when the test says. */
    public void clock(Clock clock) {
        this.clock = clock;
    }

    public Counters counters() {
        return counters;
    }

    public Events events() {
        return events;
    }

    Throttle storeWarnings() {
        return storeWarnings;
    }

    Throttle loopWarnings() {
        return loopWarnings;
    }

    /** @return the application's record of recently ended sessions, windowed by the first engine that asks */
    public RecentlyEnded recentlyEnded(Duration retryWindow) {
        RecentlyEnded existing = recentlyEnded.get();
        if (existing != null) {
            return existing;
        }
        recentlyEnded.compareAndSet(null, new RecentlyEnded(retryWindow));
        return recentlyEnded.get();
    }
}
