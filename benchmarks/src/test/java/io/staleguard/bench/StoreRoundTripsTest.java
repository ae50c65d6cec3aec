package io.staleguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.RealStores;

/**
 * The counts behind part 2 of the benchmarks, asserted: round trips per touch of each strategy on PostgreSQL and
 * Redis, the load harness's exact counting, and the round trips per request through {@code RollingSessionFilter}.
 * Counts only, never timings.
 */
@DisplayName("Benchmarks part 2: round trips counted on real stores and through RollingSessionFilter")
class StoreRoundTripsTest {

    static final int TOUCHES = 200;

    @Test
    @DisplayName("PostgreSQL: Staleguard 1 statement per touch, read-then-write 2, upsert 1")
    void postgresRoundTripsPerTouch() throws Exception {
        RealStores.require(RealStores.POSTGRES);
        try (RoundTripRig.Postgres rig = RoundTripRig.postgres(50)) {
            assertEquals(1.0, rig.roundTripsPerTouch(RoundTripRig.STALEGUARD, TOUCHES));
            assertEquals(2.0, rig.roundTripsPerTouch(RoundTripRig.READ_THEN_WRITE, TOUCHES));
            assertEquals(1.0, rig.roundTripsPerTouch(RoundTripRig.UPSERT, TOUCHES));
        }
    }

    @Test
    @DisplayName("Redis: Staleguard 1 command per touch, read-then-write 3 (script + HSET + PEXPIREAT), upsert 2")
    void redisRoundTripsPerTouch() {
        RealStores.require(RealStores.REDIS);
        try (RoundTripRig.Redis rig = RoundTripRig.redis(50)) {
            assertEquals(1.0, rig.roundTripsPerTouch(RoundTripRig.STALEGUARD, TOUCHES));
            assertEquals(3.0, rig.roundTripsPerTouch(RoundTripRig.READ_THEN_WRITE, TOUCHES));
            assertEquals(2.0, rig.roundTripsPerTouch(RoundTripRig.UPSERT, TOUCHES));
        }
    }

    @Test
    @DisplayName("The load harness counts every round trip of its threads: Staleguard exactly 1 per touch under load")
    void loadCountsExactly() throws Exception {
        RealStores.require(RealStores.POSTGRES);
        StoreLoad.Settings brief = new StoreLoad.Settings(new int[] {1, 4}, Duration.ofMillis(20), 2,
                Duration.ofMillis(30));
        Map<String, Double> expected = Map.of(RoundTripRig.STALEGUARD, 1.0, RoundTripRig.READ_THEN_WRITE, 2.0,
                RoundTripRig.UPSERT, 1.0);
        try (RoundTripRig.Postgres rig = RoundTripRig.postgres(100)) {
            List<StoreLoad.Result> results = StoreLoad.run(rig, brief);
            assertEquals(6, results.size());
            for (StoreLoad.Result r : results) {
                assertTrue(r.touches() > 0, r::toString);
                assertEquals(expected.get(r.strategy()), r.roundTripsPerTouch(), r::toString);
                assertEquals(0, r.unrecordedLatencies(), r::toString);
            }
        }
    }

    @Test
    @DisplayName("RollingSessionFilter: 1 round trip per rolling request; 0 when off, excluded or within touch-interval")
    void throughTheFilter() throws Exception {
        RealStores.require(RealStores.POSTGRES);
        try (RoundTripRig.Postgres rig = RoundTripRig.postgres(1)) {
            List<RollingFilterRoundTrips.Row> rows = new RollingFilterRoundTrips(rig).measure(20);
            assertCounts(rows, RollingFilterRoundTrips.ROLLING_TRUE, 20, 20, 20, 20);
            // A deleted session: still one store call, but JdbcSessionStore reads back what it could not touch.
            assertCounts(rows, RollingFilterRoundTrips.ROLLING_TRUE_GONE, 20, 20, 60, 0);
            assertCounts(rows, RollingFilterRoundTrips.ROLLING_FALSE, 20, 0, 0, 0);
            assertCounts(rows, RollingFilterRoundTrips.EXCLUDED, 20, 0, 0, 0);
            assertCounts(rows, RollingFilterRoundTrips.INTERVAL_FIRST, 1, 1, 1, 1);
            assertCounts(rows, RollingFilterRoundTrips.INTERVAL_AFTER, 20, 0, 0, 0);
        }
    }

    private static void assertCounts(List<RollingFilterRoundTrips.Row> rows, String label, int requests,
            int storeCalls, long statements, int refreshedCookies) {
        RollingFilterRoundTrips.Row row = rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
        assertEquals(new RollingFilterRoundTrips.Row(label, requests, storeCalls, statements, refreshedCookies), row);
    }
}
