package io.staleguard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.staleguard.cluster.support.Await;
import io.staleguard.cluster.support.RedisClients;
import io.staleguard.cluster.support.RedisServers;
import io.staleguard.redis.RedisSessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.TcpProxy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A Sentinel failover in the middle of the logout race. A master, its replica and one Sentinel (quorum 1, master down
 * after 1 s), started by the test; the replica reaches the master through a {@link TcpProxy}, so the test can stall
 * replication, as a slow link or a busy replica does, and make Redis' asynchronous replication lose writes for sure
 * rather than by chance: {@value #SESSIONS} sessions are created and replicated; replication stalls; the race runs
 * ({@value #TOUCHES} touches per session, one logout for half of them, all concurrent); the master dies (SIGKILL);
 * Sentinel promotes the replica. Counted on the promoted replica: <b>revived</b>, logouts the store acknowledged
 * whose session is there again; <b>lost</b>, sessions nobody signed out that are gone. The application's store (a
 * {@code redis-sentinel://} URI) must then serve the surviving sessions from the new master.
 */
@DisplayName("Redis Sentinel failover during the logout race")
class RedisSentinelFailoverIT {

    static final int SESSIONS = 40;
    static final int TOUCHES = 4;
    static final String MASTER = "staleguard";

    /** What one run measured. */
    record Outcome(String name, int logouts, int acknowledged, int refused, int revived, int lost, int servedAfter) {
        String summary() {
            return String.format(Locale.ROOT, "Sentinel failover, %-22s %d logouts: acknowledged %d, refused (503) %d, "
                    + "revived %d | %d sessions kept: lost %d, served by the new master %d", name + ":", logouts,
                    acknowledged, refused, revived, SESSIONS - logouts, lost, servedAfter);
        }
    }

    @Test
    @DisplayName("without waitForReplicas: acknowledged logouts come back after the failover (the lost DEL); no "
            + "session lost")
    void withoutWaitLogoutsAreUndone() throws Exception {
        Outcome outcome = failover("plain DEL", 0);
        assertTrue(outcome.revived() > 0, outcome::summary);
        assertEquals(0, outcome.lost(), outcome::summary);
        assertEquals(SESSIONS - outcome.logouts(), outcome.servedAfter(), outcome::summary);
    }

    @Test
    @DisplayName("with waitForReplicas(1, 300 ms): no acknowledged logout comes back (the ones the replica did not "
            + "confirm answered 503 and can be repeated); no session lost")
    void withWaitNoLogoutIsUndone() throws Exception {
        Outcome outcome = failover("DEL + WAIT 1", 1);
        assertEquals(0, outcome.revived(), outcome::summary);
        assertEquals(outcome.logouts(), outcome.refused(), outcome::summary);
        assertEquals(0, outcome.lost(), outcome::summary);
        assertEquals(SESSIONS - outcome.logouts(), outcome.servedAfter(), outcome::summary);
    }

    private static Outcome failover(String name, int waitForReplicas) throws Exception {
        int masterPort = TwoNodes.PORT_BASE + 30;
        int replicaPort = TwoNodes.PORT_BASE + 31;
        int sentinelPort = TwoNodes.PORT_BASE + 32;
        try (RedisServers redis = new RedisServers(TwoNodes.DIR.resolve("redis-sentinel"));
                RedisClients raw = new RedisClients()) {
            Process master = redis.server(masterPort);
            TcpProxy link = new TcpProxy("127.0.0.1", masterPort);
            redis.server(replicaPort, "--replicaof", "127.0.0.1", String.valueOf(link.port()));
            RedisCommands<String, String> replica = raw.to(replicaPort);
            Await.until(() -> replica.info("replication").contains("master_link_status:up"), "the replica to sync");
            redis.sentinel(sentinelPort, MASTER, masterPort);
            StatefulRedisSentinelConnection<String, String> sentinel = raw.client(sentinelPort).connectSentinel();
            Await.until(() -> !sentinel.sync().replicas(MASTER).isEmpty(), "Sentinel to find the replica");

            RedisSessionStore.Builder builder = RedisSessionStore
                    .builder("redis-sentinel://127.0.0.1:" + sentinelPort + "/0#" + MASTER)
                    .keyPrefix("wt-cluster:").commandTimeout(Duration.ofMillis(500));
            if (waitForReplicas > 0) {
                builder.waitForReplicas(waitForReplicas, Duration.ofMillis(300));
            }
            try (RedisSessionStore store = builder.build()) {
                List<String> ids = new ArrayList<>();
                Instant now = Instant.now();
                for (int i = 0; i < SESSIONS; i++) {
                    String id = Await.newId();
                    store.create(id, StoredSession.startingAt(now, Duration.ofMinutes(30), Duration.ofHours(12)));
                    ids.add(id);
                }
                Await.until(() -> replica.dbsize() == SESSIONS, "the sessions to reach the replica");
                List<String> out = ids.subList(0, SESSIONS / 2);
                List<String> kept = ids.subList(SESSIONS / 2, SESSIONS);

                link.delay(Duration.ofSeconds(120));
                ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
                AtomicInteger refused = new AtomicInteger();
                race(store, ids, out, acknowledged, refused);

                master.destroyForcibly().waitFor();
                Await.until(() -> ((java.net.InetSocketAddress) sentinel.sync().getMasterAddrByName(MASTER))
                        .getPort() == replicaPort, "Sentinel to promote the replica");
                link.close();

                int revived = 0;
                for (String id : acknowledged) {
                    revived += replica.exists("wt-cluster:" + id).intValue();
                }
                int lost = 0;
                for (String id : kept) {
                    lost += 1 - replica.exists("wt-cluster:" + id).intValue();
                }
                int served = servedAfterFailover(store, kept);
                Outcome outcome = new Outcome(name, out.size(), acknowledged.size(), refused.get(), revived, lost,
                        served);
                System.out.println(outcome.summary());
                return outcome;
            }
        }
    }

    /** Every session touched {@value #TOUCHES} times, half of them signed out, all at once in random order. */
    private static void race(RedisSessionStore store, List<String> ids, List<String> out,
            ConcurrentLinkedQueue<String> acknowledged, AtomicInteger refused) throws InterruptedException {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (String id : ids) {
            for (int t = 0; t < TOUCHES; t++) {
                tasks.add(() -> {
                    store.touchIfPresent(id, Instant.now().plus(Duration.ofMinutes(30)));
                    return null;
                });
            }
        }
        for (String id : out) {
            tasks.add(() -> {
                try {
                    store.delete(id);
                    acknowledged.add(id);
                } catch (StoreUnavailableException e) {
                    refused.incrementAndGet();
                }
                return null;
            });
        }
        Collections.shuffle(tasks);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            threads.invokeAll(tasks);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The store reconnects through Sentinel to the new master; until then its calls fail as unavailable (T1), which
     * this waits out. @return how many of {@code kept} the store finds
     */
    private static int servedAfterFailover(RedisSessionStore store, List<String> kept) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                int found = 0;
                for (String id : kept) {
                    found += store.lookup(id).isPresent() ? 1 : 0;
                }
                return found;
            } catch (StoreUnavailableException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the store never reached the new master");
    }
}
