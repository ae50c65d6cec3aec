package io.staleguard.internal.ops;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link StaleguardMXBean}. */
public final class Counters implements StaleguardMXBean {

    public final LongAdder recovered = new LongAdder();
    public final LongAdder loopGuarded = new LongAdder();
    public final LongAdder identityChanged = new LongAdder();
    public final LongAdder rolled = new LongAdder();
    public final LongAdder gone = new LongAdder();
    public final LongAdder unavailable = new LongAdder();

    @Override
    public long getRecovered() {
        return recovered.sum();
    }

    @Override
    public long getLoopGuarded() {
        return loopGuarded.sum();
    }

    @Override
    public long getIdentityChanged() {
        return identityChanged.sum();
    }

    @Override
    public long getRolled() {
        return rolled.sum();
    }

    @Override
    public long getGone() {
        return gone.sum();
    }

    @Override
    public long getUnavailable() {
        return unavailable.sum();
    }
}
