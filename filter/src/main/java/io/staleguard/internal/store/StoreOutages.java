package io.staleguard.internal.store;

import io.staleguard.internal.ops.Counter;
import io.staleguard.internal.ops.Counters;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.internal.ops.Throttle;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;

/**
 * T1, R4: a store that cannot answer is counted and reported (SG0010), never taken for a gone session. Shared by the
 * recovery and rolling paths of one engine; the warning throttle is the application's.
 */
public final class StoreOutages {

    private final SessionStore store;
    private final Counters counters;
    private final Throttle warnings;

    public StoreOutages(SessionStore store, Counters counters, Throttle warnings) {
        this.store = store;
        this.counters = counters;
        this.warnings = warnings;
    }

    /**
     * Counts a store outage and warns about it, at most once a minute per application (T1: it is never taken for a
     * gone session). Only Staleguard's own messages are logged; for other exceptions, class names only, since a
     * driver's message may quote parameters, and parameters may be session ids.
     */
    void report(Throwable thrown) {
        counters.increment(Counter.UNAVAILABLE);
        long heldBack = warnings.pass();
        if (heldBack >= 0) {
            Log.warn(LogId.STORE_UNAVAILABLE, "The session store %s is unavailable (%s). Requests proceed without rolling "
                    + "or detection until it answers; no session is ended because of it.%s",
                    store == null ? "or another dependency" : store, describe(thrown),
                    heldBack > 0 ? " (" + heldBack + " more since the last warning)" : "");
        }
    }

    private static String describe(Throwable thrown) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            b.append(t.getClass().getName());
            if (t instanceof StoreUnavailableException && t.getMessage() != null) {
                b.append(": ").append(Log.printable(t.getMessage(), 300));
            }
        }
        return b.toString();
    }
}
