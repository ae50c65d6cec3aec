package io.staleguard.redis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lettuce.core.api.sync.RedisCommands;
import io.staleguard.race.Foils;
import io.staleguard.race.NodeStores;
import io.staleguard.race.RaceHarness;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;

/**
 * Incident 2 on Redis: {@value RaceHarness#REQUESTS} concurrent rolling requests racing a logout, 1,000 rounds
 * ({@code -Dstaleguard.race.rounds=N}), through the filters, with the race harness of the filter module. The
 * {@link RedisSessionStore} must revive no session; the same harness on the two foils, which write with an
 * unconditional {@code HSET} + {@code PEXPIREAT} (what a store without the script would do), must see revivals.
 * <p>
 * The requests are spread over {@value #NODES} store instances, each with its own Lettuce client and connection, as
 * {@value #NODES} application nodes sharing one Redis would be. On a single connection Lettuce pipelines commands in
 * order, so the logout's {@code DEL} queued behind nearly every touch and the race was hardly ever run (measured: 10 of
 * 64,000 requests saw the session gone, and the upsert foil revived 6 sessions in 1,000 rounds); spread over nodes,
 * 100 to 500 requests see it gone, and each foil revives sessions in 25 to 230 rounds of 1,000.
 */
@DisplayName("R2, R3 race on Redis: 64 rolling requests racing a logout: zero revived sessions; the foils revive")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisRaceTest {

    static final String PREFIX = "race";
    static final String FOIL_PREFIX = "race-foil";
    static final int NODES = 16;

    Redis redis;
    RaceHarness harness;
    final List<RedisSessionStore> nodes = new ArrayList<>();
    final List<RedisSessionStore> foilNodes = new ArrayList<>();
    /** The foils' plain connections, one per node. */
    final List<Redis> foilConnections = new ArrayList<>();
    SessionStore real;
    SessionStore foilReal;
    String line;

    @BeforeAll
    void start() {
        redis = Redis.require();
        redis.clear(PREFIX);
        redis.clear(FOIL_PREFIX);
        harness = new RaceHarness(RaceHarness.REQUESTS);
        for (int i = 0; i < NODES; i++) {
            nodes.add(Redis.store(6379, PREFIX, Clock.systemUTC()).build());
            foilNodes.add(Redis.store(6379, FOIL_PREFIX, Clock.systemUTC()).build());
            foilConnections.add(Redis.require());
        }
        real = new NodeStores(nodes);
        foilReal = new NodeStores(foilNodes);
    }

    @AfterAll
    void report() {
        if (harness != null) {
            harness.close();
        }
        System.out.printf(Locale.ROOT, "%n=== Rolling race on Redis: %d concurrent rolling requests + 1 logout per round, "
                + "%d rounds, %d per foil ===%n%s%n", RaceHarness.REQUESTS, RaceHarness.ROUNDS, RaceHarness.FOIL_ROUNDS,
                line);
        nodes.forEach(RedisSessionStore::close);
        foilNodes.forEach(RedisSessionStore::close);
        foilConnections.forEach(Redis::close);
        if (redis != null) {
            redis.clear(PREFIX);
            redis.clear(FOIL_PREFIX);
            redis.close();
        }
    }

    @Test
    @DisplayName("R2, R3: RedisSessionStore revives nothing; the read-then-write and upsert foils do")
    void redis() throws Exception {
        Foils.Saving saving = new Foils.Saving() {
            @Override
            public SessionStore real() {
                return foilReal;
            }

            /** The unconditional write: it creates the key if a logout deleted it in the meantime. */
            @Override
            public void save(String id, StoredSession s) {
                String key = Redis.PREFIX + FOIL_PREFIX + ":" + id;
                RedisCommands<String, String> raw = foilConnections.get(NodeStores.node(NODES)).commands;
                raw.hset(key, RedisSessionStore.CREATED_AT, Long.toString(s.createdAt().toEpochMilli()));
                raw.hset(key, RedisSessionStore.ABSOLUTE_EXPIRES_AT, Long.toString(s.absoluteExpiresAt().toEpochMilli()));
                raw.pexpireat(key, s.expiresAt().toEpochMilli());
            }
        };
        line = harness.race("redis", real, id -> redis.holds(PREFIX, id), Foils.readThenWrite(saving),
                Foils.upsert(saving), id -> redis.holds(FOIL_PREFIX, id));
    }
}
