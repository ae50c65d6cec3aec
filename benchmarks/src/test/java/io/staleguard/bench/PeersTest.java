package io.staleguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The counts behind part 5 of the benchmarks, asserted on a smoke run: Staleguard's store round trips per rolled page
 * request over HTTP, that the peers' are counted at all, and the logout race's outcome for Staleguard. Never a timing.
 */
@DisplayName("Benchmarks part 5: peers on one Tomcat, round trips counted alike, the logout race")
class PeersTest {

    @Test
    @DisplayName("Staleguard: 1 store round trip per rolled request and no session outlives its logout")
    void staleguardCountsAndRace() throws Exception {
        Peers peers = new Peers();
        Section section = peers.run(Part.Mode.SMOKE);
        System.out.println(section.toMarkdown());
        Map<String, Double> trips = peers.lastRoundTrips();
        assertEquals(1.0, trips.get("sg-jdbc"), trips::toString);
        assertEquals(1.0, trips.get("sg-redis"), trips::toString);
        assertEquals(0.0, trips.get("container"), trips::toString);
        for (String peer : new String[] {"spring-jdbc", "spring-redis", "spring-redis-indexed"}) {
            assertTrue(trips.get(peer) >= 1, () -> peer + " counted no round trips: " + trips);
        }
        for (PeerBursts.Result b : peers.lastBursts()) {
            if (b.app().startsWith("sg-")) {
                // R9: never more than one touch per request; alone exactly one
                assertTrue(b.roundTripsPerRequest() <= 1, b::toString);
                if (b.size() == 1) {
                    assertEquals(1.0, b.roundTripsPerRequest(), b::toString);
                }
            }
        }
        for (PeerRace.Result r : peers.lastRaces()) {
            assertTrue(r.requests() > 0, r::toString);
            if (r.app().startsWith("sg-") || r.app().equals("container")) {
                assertEquals(0, r.servedAfterLogout(), r::toString);
                assertEquals(0, r.complete(), r::toString);
                assertEquals(0, r.partial(), r::toString);
                assertEquals(0, r.errors(), r::toString);
            }
        }
    }
}
