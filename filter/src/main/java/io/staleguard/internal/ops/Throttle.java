package io.staleguard.internal.ops;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lets a repeated log message through at most once per interval, counting the ones held back, so that a store outage
 * under load produces one WARN a minute rather than one per request.
 */
public final class Throttle {

    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(System.nanoTime());
    private final LongAdder suppressed = new LongAdder();

    public Throttle(long interval, TimeUnit unit) {
        this.intervalNanos = unit.toNanos(interval);
    }

    /**
     * @return the number of occurrences held back since the last one let through (0 or more), or -1 when this one is
     *         to be held back too
     */
    public long pass() {
        long now = System.nanoTime();
        long due = next.get();
        if (now - due >= 0 && next.compareAndSet(due, now + intervalNanos)) {
            return suppressed.sumThenReset();
        }
        suppressed.increment();
        return -1;
    }
}
