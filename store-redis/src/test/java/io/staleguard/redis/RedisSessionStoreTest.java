package io.staleguard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.spi.ConfigError;
import io.staleguard.store.SessionStore;
import io.staleguard.store.SessionStore.TouchResult;
import io.staleguard.store.SessionStoreContract;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.MutableClock;

/** S1, S2: the store contract on a real Redis, and what is particular to Redis: the record, the touch, the prefix. */
@DisplayName("S1, S2: RedisSessionStore on Redis")
class RedisSessionStoreTest extends SessionStoreContract {

    static final String PREFIX = "contract";

    static Redis redis;
    RedisSessionStore redisStore;

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

    @Override
    protected SessionStore newStore(MutableClock clock) {
        redisStore = Redis.store(6379, PREFIX, clock).build();
        return redisStore;
    }

    @AfterEach
    void closeStore() {
        redisStore.close();
    }

    String key(String id) {
        return Redis.PREFIX + PREFIX + ":" + id;
    }

    @Test
    @DisplayName("S2: the record is one hash under the prefix; its expiry is the key's own expiry time")
    void record() {
        String id = create();
        Instant now = clock.instant();
        assertEquals(Map.of("created_at", Long.toString(now.toEpochMilli()), "absolute_expires_at",
                Long.toString(now.plus(ABSOLUTE).toEpochMilli())), redis.commands.hgetall(key(id)));
        assertEquals(now.plus(INACTIVITY).toEpochMilli(), redis.commands.pexpiretime(key(id)));
    }

    @Test
    @DisplayName("S2: a touch sets the key's expiry (PEXPIREAT) and never creates a key; GT: it never shortens one")
    void touchNeverShortens() {
        String id = create();
        Instant later = clock.instant().plus(Duration.ofMinutes(50));
        assertEquals(TouchResult.touched(later), store.touchIfPresent(id, later));
        assertEquals(later.toEpochMilli(), redis.commands.pexpiretime(key(id)));
        Instant sooner = clock.instant().plus(Duration.ofMinutes(40));
        assertEquals(TouchResult.touched(later), store.touchIfPresent(id, sooner),
                "a touch that arrives late (another node's) leaves the later expiry and reports it");
        assertEquals(later.toEpochMilli(), redis.commands.pexpiretime(key(id)));

        assertEquals(TouchResult.GONE, store.touchIfPresent("never-created", later));
        assertEquals(0, redis.commands.exists(key("never-created")), "no key was created");
    }

    @Test
    @DisplayName("S2: fields of the application's own in the hash live with the session and are left alone")
    void ownFields() {
        String id = create();
        redis.commands.hset(key(id), "cart", "3 items");
        assertTrue(store.touchIfPresent(id, clock.instant().plus(INACTIVITY)).isTouched());
        assertEquals("3 items", redis.commands.hget(key(id), "cart"));
        store.delete(id);
        assertEquals(0, redis.commands.exists(key(id)));
    }

    @Test
    @DisplayName("S2: another prefix is another store: same id, separate sessions")
    void prefixes() {
        String id = create();
        try (RedisSessionStore other = Redis.store(6379, PREFIX + "-other", clock).build()) {
            assertTrue(other.lookup(id).isEmpty());
            assertEquals(TouchResult.GONE, other.touchIfPresent(id, clock.instant().plus(INACTIVITY)));
            other.delete(id);
            assertTrue(store.lookup(id).isPresent());
        } finally {
            redis.clear(PREFIX + "-other");
        }
    }

    @Test
    @DisplayName("S2: a key under the prefix that is not a session hash is a configuration error, not 'not found'")
    void wrongType() {
        redis.commands.set(key("a-string"), "not a session");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.lookup("a-string"));
        assertTrue(e.getMessage().contains("WRONGTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("a-string"), "no session id in messages: " + e.getMessage());
        assertThrows(IllegalStateException.class, () -> store.touchIfPresent("a-string", clock.instant()));
    }

    @Test
    @DisplayName("S2: bad builder values fail with a message naming the setting and an example, after the id of the "
            + "configuration error table")
    void builderValidation() {
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> RedisSessionStore.builder("redis://127.0.0.1").keyPrefix("has space"));
        assertTrue(prefix.getMessage().contains("keyPrefix") && prefix.getMessage().contains("shop:session:"));
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> RedisSessionStore.builder("redis://127.0.0.1").commandTimeout(Duration.ZERO));
        assertTrue(timeout.getMessage().contains("commandTimeout"));
        IllegalArgumentException uri = assertThrows(IllegalArgumentException.class,
                () -> RedisSessionStore.builder("http://user:s3cret@host"));
        assertFalse(uri.getMessage().contains("s3cret"), uri.getMessage());
        for (IllegalArgumentException e : List.of(prefix, timeout, uri)) {
            assertTrue(e.getMessage().startsWith(ConfigError.STORE_ARGUMENT.id() + " "), e.getMessage());
        }
    }

    @Test
    @DisplayName("S2: the store's description names host, port and prefix, never the password")
    void description() {
        try (RedisSessionStore s = RedisSessionStore.builder("redis://:s3cret@127.0.0.1:6379/0").build()) {
            assertEquals("RedisSessionStore[127.0.0.1:6379, " + RedisSessionStore.DEFAULT_KEY_PREFIX + "*]",
                    s.toString());
        }
    }

    @Test
    @DisplayName("S2: a session created through another store instance is seen at once (no local cache)")
    void shared() {
        try (RedisSessionStore node2 = Redis.store(6379, PREFIX, clock).build()) {
            String id = "shared-" + System.nanoTime();
            node2.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
            assertTrue(store.lookup(id).isPresent());
            store.delete(id);
            assertEquals(TouchResult.GONE, node2.touchIfPresent(id, clock.instant().plus(INACTIVITY)));
        }
    }

    @Test
    @DisplayName("T1 waitForReplicas: this Redis has no replica, so no replica confirms the DEL → "
            + "StoreUnavailableException naming the counts, for delete and deleteIfPresent; the key is gone from the "
            + "master all the same")
    void unconfirmedDeleteFails() {
        String id = create();
        try (RedisSessionStore waiting = Redis.store(6379, PREFIX, clock).waitForReplicas(1, Duration.ofMillis(50))
                .build()) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> waiting.delete(id));
            assertTrue(e.getMessage().contains("0 of 1 replicas"), e::getMessage);
            assertFalse(e.getMessage().contains(id), "no session id in messages");
            assertEquals(0, redis.commands.exists(key(id)));
            String other = create();
            assertThrows(StoreUnavailableException.class, () -> waiting.deleteIfPresent(other),
                    "deleteIfPresent waits for the replicas like delete");
            assertEquals(0, redis.commands.exists(key(other)));
        }
    }

    @Test
    @DisplayName("waitForReplicas: bad values fail when the store is built, with the value and an example")
    void waitForReplicasValues() {
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
        for (IllegalArgumentException e : List.of(replicas, timeout)) {
            assertTrue(e.getMessage().startsWith(ConfigError.STORE_ARGUMENT.id() + " "), e.getMessage());
        }
    }
}
