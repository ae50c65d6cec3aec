package io.staleguard.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code waitForReplicas} on the test Redis, which has no replica: a delete is carried out but reported as failed,
 * because no replica confirmed it (the Sentinel failover that shows why is in {@code cluster-tests}); and the option's
 * values are checked when the store is built.
 */
@DisplayName("RedisSessionStore.waitForReplicas: a delete no replica confirmed is reported as unavailable")
class RedisWaitForReplicasTest {

    static final String PREFIX = "wait";

    static Redis redis;

    @BeforeAll
    static void server() {
        redis = Redis.require();
        redis.clear(PREFIX);
    }

    @AfterAll
    static void done() {
        if (redis != null) {
            redis.clear(PREFIX);
            redis.close();
        }
    }

    @Test
    @DisplayName("T1: no replica confirms the DEL within the timeout → StoreUnavailableException naming the counts; "
            + "the key is gone from the master all the same")
    void unconfirmedDeleteFails() {
        try (RedisSessionStore store = Redis.store(6379, PREFIX, Clock.systemUTC())
                .waitForReplicas(1, Duration.ofMillis(50)).build()) {
            store.create("s1", StoredSession.startingAt(Instant.now(), Duration.ofMinutes(5), Duration.ofHours(1)));
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> store.delete("s1"));
            assertTrue(e.getMessage().contains("0 of 1 replicas"), e::getMessage);
            assertFalse(e.getMessage().contains("s1"), "no session id in messages");
            assertFalse(redis.holds(PREFIX, "s1"));
        }
    }

    @Test
    @DisplayName("bad values fail when the store is built, with the value and an example")
    void badValues() {
        RedisSessionStore.Builder b = RedisSessionStore.builder("redis://127.0.0.1:6379/0")
                .commandTimeout(Duration.ofMillis(500));
        IllegalArgumentException replicas = assertThrows(IllegalArgumentException.class,
                () -> b.waitForReplicas(0, Duration.ofMillis(100)));
        assertTrue(replicas.getMessage().contains("not 0") && replicas.getMessage().contains("such as 1"),
                replicas::getMessage);
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> b.waitForReplicas(1, Duration.ofSeconds(1)));
        assertTrue(timeout.getMessage().contains("not PT1S") && timeout.getMessage().contains("PT0.2S"),
                timeout::getMessage);
    }
}
