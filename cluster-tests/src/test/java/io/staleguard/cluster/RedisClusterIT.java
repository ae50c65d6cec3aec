package io.staleguard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.resource.ClientResources;
import io.staleguard.cluster.support.Await;
import io.staleguard.cluster.support.RedisServers;
import io.staleguard.race.Foils;
import io.staleguard.race.NodeStores;
import io.staleguard.race.RaceHarness;
import io.staleguard.redis.RedisSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Redis Cluster of three masters (started by the test, joined with {@code redis-cli --cluster create}), used through
 * Lettuce's cluster client: {@code RedisSessionStore.builder(RedisClusterClient)}. Every script works on one key, so
 * each runs on the master of that key's slot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Redis Cluster, 3 masters, through Lettuce's cluster client")
class RedisClusterIT {

    static final String PREFIX = "wt-cluster:";
    static final String FOIL_PREFIX = "wt-cluster-foil:";
    /** Store instances the race's requests are spread over, as application nodes would be. */
    static final int NODES = 8;
    static final int SESSIONS = 300;

    private final List<Integer> ports = List.of(TwoNodes.PORT_BASE + 40, TwoNodes.PORT_BASE + 41,
            TwoNodes.PORT_BASE + 42);
    private RedisServers servers;
    private ClientResources resources;
    private final List<RedisClusterClient> clients = new ArrayList<>();
    private final List<RedisSessionStore> stores = new ArrayList<>();
    private StatefulRedisClusterConnection<String, String> raw;

    @BeforeAll
    void start() throws Exception {
        servers = new RedisServers(TwoNodes.DIR.resolve("redis-cluster"));
        servers.cluster(ports, 10);
        resources = ClientResources.create();
        RedisClusterClient rawClient = client();
        raw = rawClient.connect();
        Await.until(() -> raw.sync().clusterInfo().contains("cluster_state:ok"), "cluster_state:ok");
        for (int i = 0; i < NODES; i++) {
            stores.add(RedisSessionStore.builder(client()).keyPrefix(PREFIX).build());
        }
    }

    private RedisClusterClient client() {
        RedisClusterClient client = RedisClusterClient.create(resources, "redis://127.0.0.1:" + ports.get(0));
        clients.add(client);
        return client;
    }

    @AfterAll
    void stop() {
        stores.forEach(RedisSessionStore::close);
        if (raw != null) {
            raw.close();
        }
        clients.forEach(RedisClusterClient::shutdown);
        if (resources != null) {
            resources.shutdown();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @DisplayName("S1 R2: create, touch (the script, one key each), lookup and delete work; the sessions spread over the "
            + "slots of all three masters")
    void scriptsWorkAndKeysSpread() {
        SessionStore store = stores.get(0);
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String id = Await.newId();
            store.create(id, StoredSession.startingAt(now, Duration.ofMinutes(30), Duration.ofHours(12)));
            ids.add(id);
        }
        Instant later = now.plus(Duration.ofMinutes(40));
        for (String id : ids) {
            SessionStore.TouchResult touched = store.touchIfPresent(id, later);
            assertTrue(touched.isTouched(), id);
            assertEquals(later.toEpochMilli(), touched.expiresAt().toEpochMilli());
            Optional<StoredSession> found = store.lookup(id);
            assertEquals(later.toEpochMilli(), found.orElseThrow().expiresAt().toEpochMilli());
        }
        RedisAdvancedClusterCommands<String, String> cluster = raw.sync();
        List<Long> perMaster = new ArrayList<>();
        for (int port : ports) {
            perMaster.add(cluster.getConnection("127.0.0.1", port).dbsize());
        }
        System.out.println("Redis Cluster: " + SESSIONS + " sessions per master " + perMaster + ", slots used "
                + ids.stream().map(id -> SlotHash.getSlot(PREFIX + id)).distinct().count());
        assertEquals(SESSIONS, perMaster.stream().mapToLong(Long::longValue).sum(), perMaster::toString);
        assertTrue(perMaster.stream().allMatch(n -> n > 0), () -> "every master holds sessions: " + perMaster);
        for (String id : ids) {
            store.delete(id);
            assertTrue(store.lookup(id).isEmpty());
            assertEquals(SessionStore.TouchResult.GONE, store.touchIfPresent(id, later));
        }
    }

    @Test
    @DisplayName("R2 R3: 64 rolling requests racing a logout through the filters, spread over 8 store instances: 0 "
            + "revived; the read-then-write and upsert foils on the same cluster revive")
    void race() throws Exception {
        RedisAdvancedClusterCommands<String, String> cluster = raw.sync();
        SessionStore real = new NodeStores(List.copyOf(stores));
        RedisSessionStore foilStore = RedisSessionStore.builder(client()).keyPrefix(FOIL_PREFIX).build();
        stores.add(foilStore);
        Foils.Saving saving = new Foils.Saving() {
            @Override
            public SessionStore real() {
                return foilStore;
            }

            /** The unconditional write: it creates the key again if a logout deleted it in the meantime. */
            @Override
            public void save(String id, StoredSession s) {
                String key = FOIL_PREFIX + id;
                cluster.hset(key, "created_at", Long.toString(s.createdAt().toEpochMilli()));
                cluster.hset(key, "absolute_expires_at", Long.toString(s.absoluteExpiresAt().toEpochMilli()));
                cluster.pexpireat(key, s.expiresAt().toEpochMilli());
            }
        };
        try (RaceHarness harness = new RaceHarness(RaceHarness.REQUESTS)) {
            harness.race("redis-cluster", real, id -> cluster.exists(PREFIX + id) > 0, Foils.readThenWrite(saving),
                    Foils.upsert(saving), id -> cluster.exists(FOIL_PREFIX + id) > 0);
        }
    }
}
