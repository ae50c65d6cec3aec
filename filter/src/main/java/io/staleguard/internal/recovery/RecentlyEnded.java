package io.staleguard.internal.recovery;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.staleguard.EndReason;

/**
 * The sessions Staleguard ended within the last retry window, per application: so that a burst of requests carrying
 * the same ended session is answered alike and cleaned up once.
 * <ul>
 * <li>The store (S3): only the first recovery of a session deletes its record; later ones find it here.</li>
 * <li>E1: of a burst after an identity switch, only the request that ended the session announces it.</li>
 * <li>I1: a request still carrying a session that was just ended for an identity switch gets the same recovery as the
 * first one, even though its session no longer exists and the application would otherwise sign the new user in on a
 * fresh session and answer with the new user's data inside the old user's page.</li>
 * </ul>
 * Bounded: at most {@value #MAX_ENTRIES} sessions; when full of live entries, a session is not remembered and its
 * recovery behaves as if it were the first.
 */
public final class RecentlyEnded {

    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Ended> ended = new ConcurrentHashMap<>();
    private final long windowNanos;
    private final LongSupplier nanoTime;

    private record Ended(EndReason reason, long untilNanos) {
    }

    public RecentlyEnded(Duration window) {
        this(window, System::nanoTime);
    }

    RecentlyEnded(Duration window, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Records that {@code sessionId} ended now.
     *
     * @return true for the first recovery of this session within the window, false when another one came first
     */
    boolean end(String sessionId, EndReason reason) {
        long now = nanoTime.getAsLong();
        if (ended.size() >= MAX_ENTRIES) {
            ended.values().removeIf(e -> now - e.untilNanos() >= 0);
            if (ended.size() >= MAX_ENTRIES) {
                return true;
            }
        }
        Ended mine = new Ended(reason, now + windowNanos);
        Ended previous = ended.putIfAbsent(sessionId, mine);
        if (previous == null) {
            return true;
        }
        if (now - previous.untilNanos() >= 0 && ended.replace(sessionId, previous, mine)) {
            return true;
        }
        return false;
    }

    /** @return whether {@code sessionId} was ended for an identity switch within the window */
    public boolean endedForIdentitySwitch(String sessionId) {
        Ended e = ended.get(sessionId);
        return e != null && e.reason() == EndReason.IDENTITY_CHANGED && nanoTime.getAsLong() - e.untilNanos() < 0;
    }
}
