package io.staleguard.internal.rolling;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * R7, {@code touch-interval}: when this node last touched each session, so that a session touched less than the
 * interval ago is neither touched nor re-cookied. Bounded: past {@value #MAX_REMEMBERED} sessions, the ones older than
 * the interval are dropped, and when all are recent a session is simply not remembered (it is touched every time).
 */
final class RecentTouches {

    static final int MAX_REMEMBERED = 10_000;

    /** Null without {@code touch-interval}: then nothing is remembered. */
    private final Duration interval;
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();

    RecentTouches(Duration interval) {
        this.interval = interval;
    }

    boolean recentlyTouched(String id, long nowMillis) {
        if (interval == null) {
            return false;
        }
        Long last = lastTouched.get(id);
        return last != null && nowMillis - last < interval.toMillis();
    }

    void touched(String id, long millis) {
        if (interval == null) {
            return;
        }
        if (lastTouched.size() >= MAX_REMEMBERED) {
            long oldest = millis - interval.toMillis();
            for (Iterator<Long> it = lastTouched.values().iterator(); it.hasNext();) {
                if (it.next() <= oldest) {
                    it.remove();
                }
            }
            if (lastTouched.size() >= MAX_REMEMBERED) {
                return;
            }
        }
        lastTouched.put(id, millis);
    }

    void gone(String id) {
        lastTouched.remove(id);
    }
}
