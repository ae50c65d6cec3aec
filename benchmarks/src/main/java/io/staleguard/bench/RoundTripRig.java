package io.staleguard.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.staleguard.race.Foils;
import io.staleguard.redis.RedisSessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.Database;
import io.staleguard.testing.RealStores;

/**
 * One real store set up for the round-trip benchmark: the three touch strategies on it, a pool of live sessions, and a
 * counter of the round trips sent to the server. {@link #postgres(int)} counts SQL statement executions through
 * {@link RoundTripCountingDataSource}; {@link #redis(int)} counts the commands its Lettuce client sends, with a
 * {@link CommandListener} (not Redis' {@code INFO stats}, which counts every client of a server other runs share).
 */
abstract class RoundTripRig implements AutoCloseable {

    static final String STALEGUARD = "Staleguard touchIfPresent";
    static final String READ_THEN_WRITE = "read-then-write foil";
    static final String UPSERT = "upsert foil";

    /** The PostgreSQL pool size, the same for every strategy and thread count. */
    static final int POOL_SIZE = 32;
    static final Duration INACTIVITY = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);

    final LongAdder roundTrips = new LongAdder();
    final Map<String, SessionStore> strategies = new LinkedHashMap<>();
    final List<String> sessions = new ArrayList<>();

    /** "PostgreSQL" or "Redis". */
    abstract String storeName();

    /** @return the round trips sent so far */
    long roundTrips() {
        return roundTrips.sum();
    }

    /**
     * The live sessions split into {@code threads} disjoint slices, so that no two client threads touch one record.
     */
    String[][] slices(int threads) {
        if (threads > sessions.size()) {
            throw new IllegalArgumentException(threads + " threads need at least as many sessions, not "
                    + sessions.size());
        }
        String[][] slices = new String[threads][];
        for (int t = 0; t < threads; t++) {
            List<String> mine = new ArrayList<>();
            for (int i = t; i < sessions.size(); i += threads) {
                mine.add(sessions.get(i));
            }
            slices[t] = mine.toArray(String[]::new);
        }
        return slices;
    }

    /**
     * Touches {@code touches} live sessions one after the other with {@code strategy} and counts the round trips:
     * the deterministic count the JUnit test asserts, without the load run's clocks and threads.
     *
     * @return round trips per touch
     */
    double roundTripsPerTouch(String strategy, int touches) {
        SessionStore store = strategies.get(strategy);
        // First use of a script on the server costs a NOSCRIPT answer and an EVAL: not the steady state.
        store.touchIfPresent(sessions.get(0), Instant.now().plus(INACTIVITY));
        long before = roundTrips();
        for (int i = 0; i < touches; i++) {
            if (store.touchIfPresent(sessions.get(i % sessions.size()), Instant.now().plus(INACTIVITY)).isGone()) {
                throw new IllegalStateException(strategy + " on " + storeName() + " found a live session gone");
            }
        }
        return (roundTrips() - before) / (double) touches;
    }

    private static String sessionId(int i) {
        return "bench-" + Long.toString(System.nanoTime(), 36) + "-" + i;
    }

    /**
     * PostgreSQL on 127.0.0.1:5432 through HikariCP ({@value #POOL_SIZE} connections, the project's test pool
     * settings), table {@code bench_rolling_<pid>} with the DDL of {@code docs/rolling-and-stores.md}, dropped again by {@link #close()}.
     *
     * @param sessions how many live sessions to create
     */
    static Postgres postgres(int sessions) throws SQLException {
        return new Postgres(sessions);
    }

    /**
     * Redis on 127.0.0.1:6379, one {@link RedisSessionStore} (one shared connection) under key prefix
     * {@code bench-rolling:<pid>:}, whose keys {@link #close()} deletes.
     *
     * @param sessions how many live sessions to create
     */
    static Redis redis(int sessions) {
        return new Redis(sessions);
    }

    static final class Postgres extends RoundTripRig {

        final String table = Database.table("bench_rolling");
        final HikariDataSource pool;
        /** {@link #pool}, counting every statement into {@link #roundTrips}. */
        final DataSource counted;
        final JdbcSessionStore store;

        private Postgres(int sessions) throws SQLException {
            pool = Database.POSTGRES.pool("bench", POOL_SIZE);
            try {
                Database.POSTGRES.recreate(pool, table);
                counted = RoundTripCountingDataSource.wrap(pool, roundTrips);
                store = JdbcSessionStore.builder(counted).table(table).build();
                Foils.Saving saving = Foils.jdbc(store, counted, Database.POSTGRES, table);
                strategies.put(STALEGUARD, store);
                strategies.put(READ_THEN_WRITE, Foils.readThenWrite(saving));
                strategies.put(UPSERT, Foils.upsert(saving));
                insert(sessions);
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** One batch rather than a store call per session: setting up is not what is measured. */
        private void insert(int count) throws SQLException {
            StoredSession live = StoredSession.startingAt(Instant.now(), INACTIVITY, ABSOLUTE);
            try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                    + " (id, created_at, expires_at, absolute_expires_at) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    String id = sessionId(i);
                    s.setString(1, id);
                    s.setLong(2, live.createdAt().toEpochMilli());
                    s.setLong(3, live.expiresAt().toEpochMilli());
                    s.setLong(4, live.absoluteExpiresAt().toEpochMilli());
                    s.addBatch();
                    this.sessions.add(id);
                }
                s.executeBatch();
            }
        }

        @Override
        String storeName() {
            return "PostgreSQL";
        }

        @Override
        public void close() throws SQLException {
            try {
                Database.POSTGRES.drop(pool, table);
            } finally {
                pool.close();
            }
        }
    }

    static final class Redis extends RoundTripRig {

        final String prefix = "bench-rolling:" + ProcessHandle.current().pid() + ":";
        final RedisClient client;
        final RedisSessionStore store;
        /** The foils' unconditional writes go through a second connection of the same client. */
        final StatefulRedisConnection<String, String> foilConnection;

        private Redis(int sessions) {
            client = RedisClient.create("redis://" + RealStores.REDIS.host() + ":" + RealStores.REDIS.port() + "/0");
            // Before any connection opens: Lettuce attaches command listeners to connections as they are made.
            client.addListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    roundTrips.increment();
                }
            });
            try {
                // Longer than the default 500 ms: 32 threads on 2 shared cores must queue, not fail.
                store = RedisSessionStore.builder(client).keyPrefix(prefix).commandTimeout(Duration.ofSeconds(10))
                        .build();
                foilConnection = client.connect();
                foilConnection.setTimeout(Duration.ofSeconds(10));
                Foils.Saving saving = new Foils.Saving() {
                    @Override
                    public SessionStore real() {
                        return store;
                    }

                    /** What a store without the script does: write the record whether or not it is still there. */
                    @Override
                    public void save(String id, StoredSession s) {
                        RedisCommands<String, String> raw = foilConnection.sync();
                        String key = prefix + id;
                        raw.hset(key, Map.of("created_at", Long.toString(s.createdAt().toEpochMilli()),
                                "absolute_expires_at", Long.toString(s.absoluteExpiresAt().toEpochMilli())));
                        raw.pexpireat(key, s.expiresAt().toEpochMilli());
                    }
                };
                strategies.put(STALEGUARD, store);
                strategies.put(READ_THEN_WRITE, Foils.readThenWrite(saving));
                strategies.put(UPSERT, Foils.upsert(saving));
                StoredSession live = StoredSession.startingAt(Instant.now(), INACTIVITY, ABSOLUTE);
                for (int i = 0; i < sessions; i++) {
                    String id = sessionId(i);
                    store.create(id, live);
                    this.sessions.add(id);
                }
            } catch (RuntimeException e) {
                client.shutdown();
                throw e;
            }
        }

        @Override
        String storeName() {
            return "Redis";
        }

        @Override
        public void close() {
            try {
                RedisCommands<String, String> raw = foilConnection.sync();
                List<String> keys = ScanIterator.scan(raw, ScanArgs.Builder.matches(prefix + "*").limit(1000)).stream()
                        .toList();
                for (int i = 0; i < keys.size(); i += 1000) {
                    raw.del(keys.subList(i, Math.min(keys.size(), i + 1000)).toArray(String[]::new));
                }
            } finally {
                foilConnection.close();
                store.close();
                client.shutdown();
            }
        }
    }
}
