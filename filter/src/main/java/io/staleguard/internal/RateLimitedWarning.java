package io.staleguard.internal;

import java.util.concurrent.atomic.AtomicLong;

/** A WARN that an attacker or an outage could trigger on every request: logged at most once per interval. */
final class RateLimitedWarning {

    private final String id;
    private final long intervalMillis;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);

    RateLimitedWarning(String id, long intervalMillis) {
        this.id = id;
        this.intervalMillis = intervalMillis;
    }

    void warn(Throwable thrown, String message, Object... args) {
        long now = System.currentTimeMillis();
        long previous = last.get();
        if (now - previous >= intervalMillis && last.compareAndSet(previous, now)) {
            Log.warn(id, thrown, message, args);
        }
    }
}
