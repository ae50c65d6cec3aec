package io.staleguard.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import io.staleguard.bench.peers.SpringSessions;
import io.staleguard.redis.RedisSessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.testing.Database;
import io.staleguard.testing.RealStores;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * One way of keeping sessions, deployed as one context of {@link PeersServer}: how it is set up in the servlet
 * context, what it keeps where, a counter of its store round trips, and a look at what its store holds for a session
 * after a logout. The store objects are made once per run and closed (tables dropped, keys deleted) by
 * {@link #close()}.
 */
abstract class PeerApp implements AutoCloseable {

    /** What the store holds for one session after its logout. */
    enum Record {
        /** Nothing: the logout's delete stands. */
        NONE,
        /** A whole record: the session was revived. */
        COMPLETE,
        /** Part of a record (Spring Session Redis: a hash without {@code creationTime}, spring-session #2021). */
        PARTIAL
    }

    /** The context path without its slash. */
    final String app;
    /** The row label in the report. */
    final String label;
    /** What the application's store keeps, in a few words for the report. */
    final String keeps;
    /** Store round trips: SQL statements and commits through a counting DataSource, or Redis commands. */
    final LongAdder roundTrips = new LongAdder();

    PeerApp(String app, String label, String keeps) {
        this.app = app;
        this.label = label;
        this.keeps = keeps;
    }

    /** Sets the application's store, context-params and filters up; called while the context starts. */
    abstract void install(ServletContext context);

    /**
     * @param cookie the session cookie's value
     * @return what the store holds for that session now
     */
    abstract Record record(String cookie) throws Exception;

    @Override
    public void close() throws SQLException {
        // container sessions: nothing outside the server
    }

    /** (a) The container's own sessions, in Tomcat's memory: no shared store. */
    static PeerApp container() {
        return new PeerApp("container", "container sessions (no shared store)",
                "attributes in Tomcat's memory; nothing shared") {
            @Override
            void install(ServletContext context) {
                // Tomcat's StandardManager, nothing else
            }

            @Override
            Record record(String cookie) {
                return Record.NONE;
            }
        };
    }

    /** Both Staleguard filters, registered as the drop-in registers them, in store mode with rolling on. */
    static void installStaleguard(ServletContext context, String app, SessionStore store) {
        context.setInitParameter("staleguard.rolling", "true");
        context.setInitParameter("staleguard.session-cookie", SpringSessions.COOKIE + ";path=/" + app);
        context.setAttribute(SessionStore.ATTRIBUTE, store);
        FilterRegistration.Dynamic stale = context.addFilter("staleguard", StaleSessionFilter.class);
        stale.setAsyncSupported(true);
        stale.addMappingForUrlPatterns(null, false, "/*");
        FilterRegistration.Dynamic rolling = context.addFilter("rolling", RollingSessionFilter.class);
        rolling.setAsyncSupported(true);
        rolling.addMappingForUrlPatterns(null, false, "/*");
    }

    /** Spring Session's filter first on {@code /*}, as {@code AbstractHttpSessionApplicationInitializer} maps it. */
    static void installSpring(ServletContext context, AnnotationConfigApplicationContext spring) {
        FilterRegistration.Dynamic filter = context.addFilter(SpringSessions.FILTER_BEAN,
                SpringSessions.filter(spring));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC),
                false, "/*");
    }

    /** The PostgreSQL pool the JDBC applications share (each counts its own statements). */
    static HikariDataSource postgresPool() {
        return Database.POSTGRES.pool("bench-peers", RoundTripRig.POOL_SIZE);
    }

    /** A Lettuce client on the shared Redis whose commands increment {@code commands}. */
    static RedisClient countingRedis(LongAdder commands) {
        RedisClient client = RedisClient.create("redis://" + RealStores.REDIS.host() + ":" + RealStores.REDIS.port());
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.increment();
            }
        });
        return client;
    }

    /** (b) Staleguard, {@link JdbcSessionStore} on PostgreSQL. */
    static PeerApp staleguardJdbc(HikariDataSource pool) throws SQLException {
        String table = Database.table("bench_peers_sg");
        Database.POSTGRES.recreate(pool, table);
        return new PeerApp("sg-jdbc", "Staleguard, JdbcSessionStore (PostgreSQL)",
                "existence record (id, 3 times) in PostgreSQL; attributes in Tomcat's memory") {
            private final JdbcSessionStore store = JdbcSessionStore
                    .builder(RoundTripCountingDataSource.wrap(pool, roundTrips)).table(table).build();

            @Override
            void install(ServletContext context) {
                installStaleguard(context, app, store);
            }

            @Override
            Record record(String cookie) throws SQLException {
                return Database.rows(pool, table, cookie) == 0 ? Record.NONE : Record.COMPLETE;
            }

            @Override
            public void close() throws SQLException {
                Database.POSTGRES.drop(pool, table);
            }
        };
    }

    /** (b) Staleguard, {@link RedisSessionStore}. */
    static PeerApp staleguardRedis(RedisCommands<String, String> inspect) {
        String prefix = "bench-peers-sg:" + ProcessHandle.current().pid() + ":";
        return new PeerApp("sg-redis", "Staleguard, RedisSessionStore",
                "existence record (a hash of 2 fields and the key's expiry) in Redis; attributes in Tomcat's memory") {
            private final RedisClient client = countingRedis(roundTrips);
            private final RedisSessionStore store = RedisSessionStore.builder(client).keyPrefix(prefix)
                    .commandTimeout(Duration.ofSeconds(10)).build();

            @Override
            void install(ServletContext context) {
                installStaleguard(context, app, store);
            }

            @Override
            Record record(String cookie) {
                Map<String, String> hash = inspect.hgetall(prefix + cookie);
                return hash.isEmpty() ? Record.NONE
                        : hash.containsKey("created_at") && hash.containsKey("absolute_expires_at") ? Record.COMPLETE
                        : Record.PARTIAL;
            }

            @Override
            public void close() {
                try {
                    deleteKeys(inspect, prefix);
                } finally {
                    store.close();
                    client.shutdown();
                }
            }
        };
    }

    /** (c) Spring Session JDBC on PostgreSQL, its own schema under a table name of this run. */
    static PeerApp springJdbc(HikariDataSource pool) throws Exception {
        String table = Database.table("bench_peers_ss");
        createSpringSchema(pool, table);
        return new PeerApp("spring-jdbc", "Spring Session JDBC 3.5 (PostgreSQL)",
                "session row and one row per attribute (serialized) in PostgreSQL") {
            private final AnnotationConfigApplicationContext spring = SpringSessions.jdbc(
                    RoundTripCountingDataSource.wrap(pool, roundTrips), table);

            @Override
            void install(ServletContext context) {
                installSpring(context, spring);
            }

            @Override
            Record record(String cookie) throws SQLException {
                String id = springId(cookie);
                try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("SELECT "
                        + "(SELECT count(*) FROM " + table + " WHERE session_id = ?), (SELECT count(*) FROM " + table
                        + "_attributes a JOIN " + table + " s ON a.session_primary_id = s.primary_id"
                        + " WHERE s.session_id = ?)")) {
                    s.setString(1, id);
                    s.setString(2, id);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getInt(1) == 0 ? Record.NONE : r.getInt(2) == 0 ? Record.PARTIAL : Record.COMPLETE;
                    }
                }
            }

            @Override
            public void close() throws SQLException {
                try {
                    spring.close();
                } finally {
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                        s.execute("DROP TABLE IF EXISTS " + table + "_attributes");
                        s.execute("DROP TABLE IF EXISTS " + table);
                    }
                }
            }
        };
    }

    /** (c) Spring Session Data Redis, {@code RedisSessionRepository} or {@code RedisIndexedSessionRepository}. */
    static PeerApp springRedis(RedisCommands<String, String> inspect, RedisCommands<byte[], byte[]> values,
            boolean indexed) {
        String namespace = "bench-peers-" + (indexed ? "ssi" : "ss") + ":" + ProcessHandle.current().pid();
        return new PeerApp(indexed ? "spring-redis-indexed" : "spring-redis",
                indexed ? "Spring Session Data Redis 3.5, RedisIndexedSessionRepository"
                        : "Spring Session Data Redis 3.5, RedisSessionRepository",
                indexed ? "session hash (times and serialized attributes) plus an expiry key and a per-minute expiry set in Redis"
                        : "session hash (times and serialized attributes) in Redis") {
            private final AnnotationConfigApplicationContext spring = SpringSessions.redis(RealStores.REDIS.host(),
                    RealStores.REDIS.port(), namespace, indexed, roundTrips);

            @Override
            void install(ServletContext context) {
                installSpring(context, spring);
            }

            @Override
            Record record(String cookie) {
                return springRedisRecord(values.hgetall(
                        (namespace + ":sessions:" + springId(cookie)).getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public void close() {
                try {
                    spring.close();
                } finally {
                    deleteKeys(inspect, namespace + ":");
                }
            }
        };
    }

    /**
     * What a Spring Session Redis hash is: nothing; partial when {@code creationTime} or the attribute is missing (the
     * next {@code findById} fails on it); otherwise whole if its own fields say it is live. (The indexed repository
     * deletes by saving the hash with {@code maxInactiveInterval} 0 and keeps it a few minutes for its expiry events; it
     * reads such a hash as expired, and so does this.)
     */
    static Record springRedisRecord(Map<byte[], byte[]> raw) {
        if (raw.isEmpty()) {
            return Record.NONE;
        }
        Map<String, Object> hash = new java.util.HashMap<>();
        raw.forEach((k, v) -> hash.put(new String(k, StandardCharsets.UTF_8), deserialize(v)));
        if (!hash.containsKey("creationTime") || !hash.containsKey("sessionAttr:user")
                || !(hash.get("lastAccessedTime") instanceof Long last)
                || !(hash.get("maxInactiveInterval") instanceof Integer seconds)) {
            return Record.PARTIAL;
        }
        return seconds > 0 && last + seconds * 1000L > System.currentTimeMillis() ? Record.COMPLETE : Record.NONE;
    }

    /** Spring Data Redis' default hash value serializer is Java serialization. */
    private static Object deserialize(byte[] bytes) {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (java.io.IOException | ClassNotFoundException e) {
            return null;
        }
    }

    /** Spring Session's {@code DefaultCookieSerializer} Base64-encodes the session id into the cookie. */
    static String springId(String cookie) {
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }

    /** Spring Session's own PostgreSQL schema ({@code schema-postgresql.sql} in its jar), under this run's name. */
    private static void createSpringSchema(DataSource pool, String table) throws Exception {
        String ddl;
        try (var in = PeerApp.class.getClassLoader()
                .getResourceAsStream("org/springframework/session/jdbc/schema-postgresql.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SPRING_SESSION", table);
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table + "_attributes");
            s.execute("DROP TABLE IF EXISTS " + table);
            for (String statement : ddl.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    static void deleteKeys(RedisCommands<String, String> redis, String prefix) {
        List<String> keys = ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(1000)).stream()
                .toList();
        for (int i = 0; i < keys.size(); i += 1000) {
            redis.del(keys.subList(i, Math.min(keys.size(), i + 1000)).toArray(String[]::new));
        }
    }
}
