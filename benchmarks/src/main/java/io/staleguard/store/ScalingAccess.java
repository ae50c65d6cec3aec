package io.staleguard.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * For the benchmarks' scaling part: an {@link InMemorySessionStore} on a clock the benchmark moves, through the
 * store's package-private constructor, so that half of the records can be made to expire at once without waiting.
 */
public final class ScalingAccess {

    private ScalingAccess() {
    }

    /** @return a store of at most {@code maxSessions} records that reads the time from {@code clock} */
    public static InMemorySessionStore store(int maxSessions, Clock clock) {
        return new InMemorySessionStore(maxSessions, clock);
    }

    /** A clock that stands still until it is set. */
    public static final class SettableClock extends Clock {

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
}
