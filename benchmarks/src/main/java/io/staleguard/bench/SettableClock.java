package io.staleguard.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * For the benchmarks' scaling part: the clock of an {@link io.staleguard.store.InMemorySessionStore} that the
 * benchmark moves, so that half of the records can be made to expire at once without waiting.
 */
public final class SettableClock extends Clock {

    private volatile long millis;

    public SettableClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    public void set(Instant now) {
        this.millis = now.toEpochMilli();
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
