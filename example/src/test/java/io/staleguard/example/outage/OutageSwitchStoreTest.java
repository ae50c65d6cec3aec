package io.staleguard.example.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;

class OutageSwitchStoreTest {

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final OutageSwitchStore store = new OutageSwitchStore(new InMemorySessionStore(), "test", clock);

    @Test
    @DisplayName("S1/T1 scaffolding: during an outage every call throws StoreUnavailableException; the records stay, "
            + "and the outage ends by itself")
    void outage() {
        store.create("abc", StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));

        store.startOutage(Duration.ofSeconds(20));

        assertTrue(store.isDown());
        assertThrows(StoreUnavailableException.class, () -> store.lookup("abc"));
        assertThrows(StoreUnavailableException.class, () -> store.touchIfPresent("abc", Instant.now()));
        assertThrows(StoreUnavailableException.class, () -> store.delete("abc"));
        assertThrows(StoreUnavailableException.class, () -> store.create("def", StoredSession.startingAt(
                Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12))));
        assertEquals(4, store.lastOutage().orElseThrow().refused().get());

        now = now.plusSeconds(20);

        assertFalse(store.isDown());
        assertTrue(store.lookup("abc").isPresent(), "the record outlived the outage");
    }

    @Test
    @DisplayName("An outage can be ended early, and a second start extends the running one")
    void endAndExtend() {
        store.startOutage(Duration.ofSeconds(20));
        now = now.plusSeconds(15);
        store.startOutage(Duration.ofSeconds(20));
        now = now.plusSeconds(10);
        assertTrue(store.isDown(), "extended to 35 s from the first start");

        store.endOutage();

        assertFalse(store.isDown());
        assertTrue(store.lookup("anything").isEmpty());
        assertEquals(Duration.ofSeconds(25), Duration.between(store.lastOutage().orElseThrow().from(),
                store.lastOutage().orElseThrow().until()));
    }
}
