package io.staleguard.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisConnectionException;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.MutableClock;

/** T1, S1: a Redis that is not there is "unavailable", never "not found"; no server needed. */
@DisplayName("T1, S1: RedisSessionStore without a Redis: StoreUnavailableException, never 'not found'")
class RedisUnavailableTest {

    /** A local port nothing listens on. */
    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @DisplayName("T1: building does not connect; every call on an unreachable server throws StoreUnavailableException")
    void unreachable() throws Exception {
        MutableClock clock = MutableClock.atNow();
        try (RedisSessionStore store = RedisSessionStore.builder("redis://:s3cret@127.0.0.1:" + closedPort())
                .commandTimeout(Duration.ofMillis(500)).clock(clock).build()) {
            StoreUnavailableException lookup = assertThrows(StoreUnavailableException.class, () -> store.lookup("id"));
            assertInstanceOf(RedisConnectionException.class, lookup.getCause());
            assertFalse(lookup.getMessage().contains("s3cret"), lookup.getMessage());
            assertFalse(lookup.getMessage().contains("\"id\""), lookup.getMessage());
            // Within the pause after a failed attempt, calls fail at once without trying again.
            StoreUnavailableException touch = assertThrows(StoreUnavailableException.class,
                    () -> store.touchIfPresent("id", Instant.now().plusSeconds(60)));
            assertTrue(touch.getMessage().contains("moments ago"), touch.getMessage());
            assertThrows(StoreUnavailableException.class, () -> store.delete("id"));
            assertThrows(StoreUnavailableException.class, () -> store.deleteIfPresent("id"));
            assertThrows(StoreUnavailableException.class, () -> store.create("id",
                    StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12))));
            assertThrows(StoreUnavailableException.class, store::check);
            clock.advance(Duration.ofMillis(RedisSessionStore.RECONNECT_PAUSE_MILLIS));
            StoreUnavailableException again = assertThrows(StoreUnavailableException.class, () -> store.lookup("id"));
            assertInstanceOf(RedisConnectionException.class, again.getCause(), "a pause later, it tries again");
        }
    }

    @Test
    @DisplayName("T1: invalid ids never reach Redis: not found, even with Redis unreachable")
    void invalidIdsNeverSent() throws Exception {
        try (RedisSessionStore store = RedisSessionStore.builder("redis://127.0.0.1:" + closedPort()).build()) {
            assertTrue(store.lookup("bad id").isEmpty());
            assertTrue(store.touchIfPresent("", Instant.now()).isGone());
            store.delete("x".repeat(300));
        }
    }

    @Test
    @DisplayName("S2: Redis errors that waiting will not fix are configuration errors; LOADING, BUSY, READONLY, OOM… are transient")
    void errorKinds() {
        for (String config : new String[] {"WRONGTYPE Operation against a key holding the wrong kind of value",
                "NOPERM this user has no permissions", "ERR unknown command 'PEXPIRETIME'"}) {
            assertTrue(RedisFailures.isConfigurationError(config), config);
        }
        for (String transientError : new String[] {"LOADING Redis is loading the dataset in memory",
                "BUSY Redis is busy running a script", "READONLY You can't write against a read only replica.",
                "MASTERDOWN Link with MASTER is down", "OOM command not allowed when used memory > 'maxmemory'.",
                "TRYAGAIN Multiple keys request during rehashing of slot", "CLUSTERDOWN The cluster is down",
                "ERR max number of clients reached", null}) {
            assertFalse(RedisFailures.isConfigurationError(transientError), String.valueOf(transientError));
        }
    }

    @Test
    @DisplayName("S2: a closed store refuses further use with a clear error")
    void closed() throws Exception {
        RedisSessionStore store = RedisSessionStore.builder("redis://127.0.0.1:" + closedPort()).build();
        store.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.lookup("id"));
        assertTrue(e.getMessage().endsWith(", staleguard:session:*] is closed"), e.getMessage());
    }
}
