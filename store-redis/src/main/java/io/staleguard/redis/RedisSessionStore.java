package io.staleguard.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;

/**
 * Sessions in Redis (7.0 or later, or a compatible server such as Valkey), through Lettuce: the shared store for a
 * cluster when the sessions live in Redis rather than in a database.
 * <p>
 * <b>The record.</b> One hash per session, under the key {@code <prefix><session id>} (default prefix
 * {@value #DEFAULT_KEY_PREFIX}), with two fields in epoch milliseconds, UTC: {@code created_at} and
 * {@code absolute_expires_at}. The record's expiry is the key's own expiry time ({@code PEXPIREAT}), so Redis removes
 * dead sessions by itself: nothing to purge. The hash may hold more fields of your own (the application's session
 * data); they live and die with the key, and this store never reads or writes them.
 * <pre>
 * redis&gt; HGETALL staleguard:session:3f1c…
 * 1) "created_at"           2) "1790000000000"
 * 3) "absolute_expires_at"  4) "1790043200000"
 * redis&gt; PEXPIRETIME staleguard:session:3f1c…
 * (integer) 1790001800000
 * </pre>
 * <b>The touch.</b> {@link #touchIfPresent(String, Instant)} is one short Lua script, sent with {@code EVALSHA}: a
 * single round trip that Redis runs atomically. It reads the absolute limit from the hash and then calls
 * {@code PEXPIREAT key min(newExpiry, limit) GT} on the key it just found. {@code PEXPIREAT} never creates a key, so a
 * concurrent logout's {@code DEL} always wins: either it runs first and the touch finds nothing, or it runs after and
 * deletes the freshly touched key. {@code GT} means a touch never shortens a session (two nodes whose touches arrive
 * out of order leave the later expiry). Lookups and creation are scripts too; {@link #delete(String)} is a
 * {@code DEL}. Every script works on its one key, so the store also works on Redis Cluster.
 * <p>
 * <b>Time.</b> A record is live while its key exists and its expiry is after this store's clock (the application
 * server's, like {@link io.staleguard.store.JdbcSessionStore}); Redis deletes it by its own clock. Keep the clocks in
 * sync, as for any cluster.
 * <p>
 * <b>Failures.</b> A command that does not answer within the command timeout (default {@value #DEFAULT_TIMEOUT_MILLIS}
 * ms), a connection that cannot be opened or breaks, and a server that is loading, busy, read-only or out of memory
 * all throw {@link StoreUnavailableException}, which Staleguard never takes for "session gone": no cookie is expired,
 * nothing is deleted. The connection is opened on first use, not by {@link Builder#build()}, so an application starts
 * while Redis is down; after a failed attempt the next one waits {@value #RECONNECT_PAUSE_MILLIS} ms, so that an outage
 * costs each request one quick answer rather than a connection attempt. Errors that say the keys or the server do not
 * match this store ({@code WRONGTYPE}: the prefix is shared with other data; a Redis older than 7.0) throw
 * {@link IllegalStateException}.
 * <p>
 * <b>Session ids</b> are only ever sent as part of a key, never logged nor put into exception messages; an id that is
 * not {@link SessionStore#isValidId(String) valid} never reaches Redis.
 * <p>
 * <b>Usage.</b> Build one store per application, publish it, and close it when the application stops:
 * <pre>
 * &#64;WebListener
 * public class Sessions implements ServletContextListener {
 *     private RedisSessionStore store;
 *
 *     &#64;Override
 *     public void contextInitialized(ServletContextEvent event) {
 *         store = RedisSessionStore.builder("redis://sessions.internal:6379/0")
 *                 .keyPrefix("shop:session:")
 *                 .commandTimeout(Duration.ofMillis(500))
 *                 .build();
 *         event.getServletContext().setAttribute(SessionStore.ATTRIBUTE, store);
 *     }
 *
 *     &#64;Override
 *     public void contextDestroyed(ServletContextEvent event) {
 *         store.close();
 *     }
 * }
 * </pre>
 * With the CDI module, a producer does the same: {@code @Produces @ApplicationScoped SessionStore store()} with a
 * {@code @Disposes} method that closes it. A store built from a URI owns its Lettuce client, set up for sessions:
 * commands fail at once while the connection is down (instead of queueing until they time out), and reconnection is
 * retried at most a second apart. To share the application's own {@link RedisClient} (Sentinel, TLS, credentials
 * providers), use {@link #builder(RedisClient)}; the store then opens one connection of its own on it and leaves the
 * client to the application. For Redis Cluster, {@link #builder(RedisClusterClient)} does the same with Lettuce's
 * cluster client, which sends each script to the master of its key's slot.
 * <p>
 * <b>Failover.</b> Redis replicates asynchronously: a {@code DEL} that the master acknowledged may not have reached
 * a replica when the master dies, and the replica promoted in its place (Sentinel, Cluster) still holds the session,
 * so a logout the user saw succeed is undone. {@link Builder#waitForReplicas(int, Duration)} closes that window: every
 * delete is followed by {@code WAIT} on the same master, and a delete that fewer replicas than asked confirmed in time
 * throws {@link StoreUnavailableException} (the logout answers 503 and the user simply signs out again; the
 * {@code DEL} is repeatable) instead of reporting a success a failover could take back.
 *
 * @since 0.1
 */
public final class RedisSessionStore implements SessionStore, AutoCloseable {

    /** The default key prefix: {@value}. */
    public static final String DEFAULT_KEY_PREFIX = "staleguard:session:";

    static final long DEFAULT_TIMEOUT_MILLIS = 2000;
    static final long RECONNECT_PAUSE_MILLIS = 1000;

    /**
     * The id that a builder's errors start with: STORE_ARGUMENT of the configuration error table, spelled out because
     * this module uses the published API only (its tests check that the two agree).
     */
    static final String ARGUMENT_ERROR = "SG0220";

    /** The hash fields; the scripts spell them out too. */
    static final String CREATED_AT = "created_at";
    static final String ABSOLUTE_EXPIRES_AT = "absolute_expires_at";

    private final String description;
    private final LazyConnection connection;
    private final SessionKeys keys;

    private RedisSessionStore(Builder b) {
        this.description = b.source.describe(b.prefix);
        this.connection = new LazyConnection(b.source, description, b.timeout, b.clock, RECONNECT_PAUSE_MILLIS);
        this.keys = new SessionKeys(b.prefix, b.clock, connection,
                new ReplicaWait(b.replicas, b.replicaTimeout, description), description);
    }

    /**
     * A store with its own Lettuce client.
     *
     * @param uri a Redis URI such as {@code redis://host:6379/0}, {@code rediss://user:password@host:6380} or
     *        {@code redis-sentinel://…}
     * @return a builder
     * @throws IllegalArgumentException if {@code uri} is not a Redis URI
     */
    public static Builder builder(String uri) {
        Objects.requireNonNull(uri, "uri");
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (RuntimeException e) {
            // Not chained: the message may quote the URI, and with it a password.
            throw new IllegalArgumentException(ARGUMENT_ERROR + " Not a Redis URI; expected for example "
                    + "redis://127.0.0.1:6379/0");
        }
        return new Builder(ClientSource.ownClient(parsed));
    }

    /**
     * A store on the application's Lettuce client, which the store does not close.
     *
     * @param client a client created with a default URI ({@code RedisClient.create("redis://…")})
     * @return a builder
     */
    public static Builder builder(RedisClient client) {
        return new Builder(ClientSource.applicationClient(Objects.requireNonNull(client, "client")));
    }

    /**
     * A store on the application's Lettuce cluster client (Redis Cluster), which the store does not close. Every
     * script works on one key, so each runs on the master of that key's slot; give the client
     * {@code ClusterClientOptions} with topology refresh, so that it follows a failover.
     *
     * @param client a cluster client ({@code RedisClusterClient.create("redis://node:6379")})
     * @return a builder
     */
    public static Builder builder(RedisClusterClient client) {
        return new Builder(ClientSource.applicationCluster(Objects.requireNonNull(client, "client")));
    }

    /** Configures a {@link RedisSessionStore}. */
    public static final class Builder {

        private final ClientSource source;
        private String prefix = DEFAULT_KEY_PREFIX;
        private Duration timeout = Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);
        private Clock clock = Clock.systemUTC();
        private int replicas;
        private Duration replicaTimeout = Duration.ZERO;

        private Builder(ClientSource source) {
            this.source = source;
        }

        /**
         * @param prefix what every session key starts with (default {@value RedisSessionStore#DEFAULT_KEY_PREFIX}),
         *        1 to 100 visible ASCII characters; give each application its own when they share a Redis database
         * @return this builder
         * @throws IllegalArgumentException if {@code prefix} is empty, too long or has other characters
         */
        public Builder keyPrefix(String prefix) {
            if (prefix == null || prefix.isEmpty() || prefix.length() > 100 || !SessionStore.isValidId(prefix)) {
                throw new IllegalArgumentException(ARGUMENT_ERROR + " keyPrefix must be 1 to 100 visible ASCII "
                        + "characters, such as 'shop:session:', not '"
                        + (prefix == null ? "null" : prefix.replaceAll("\\p{Cntrl}", "?")) + "'");
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * @param timeout how long one command may take before the store counts as unavailable (default
         *        {@value RedisSessionStore#DEFAULT_TIMEOUT_MILLIS} ms); also the connect timeout of a store built
         *        from a URI
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not between 1 ms and 1 minute
         */
        public Builder commandTimeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException(ARGUMENT_ERROR + " commandTimeout must be between PT0.001S and "
                        + "PT1M, such as PT0.5S, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Makes a logout survive a failover: after each {@code DEL}, {@code WAIT replicas timeout} on the same master;
         * when fewer replicas confirmed it within {@code timeout}, the delete throws
         * {@link StoreUnavailableException}, so the logout is reported as failed (and can simply be repeated) rather
         * than as a success that the promotion of a replica without the {@code DEL} would undo. Costs every logout
         * one replication round trip; lookups, touches and sign-ins are unchanged. Off by default.
         *
         * @param replicas how many replicas must have the delete, 1 to 16 (with one replica per master: 1)
         * @param timeout how long to wait for them, 1 ms to the command timeout
         * @return this builder
         * @throws IllegalArgumentException if a value is out of range
         */
        public Builder waitForReplicas(int replicas, Duration timeout) {
            if (replicas < 1 || replicas > 16) {
                throw new IllegalArgumentException(ARGUMENT_ERROR + " waitForReplicas: replicas must be between 1 "
                        + "and 16, such as 1, not " + replicas);
            }
            if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(this.timeout) > 0) {
                throw new IllegalArgumentException(ARGUMENT_ERROR + " waitForReplicas: the timeout must be between "
                        + "PT0.001S and the command timeout (" + this.timeout + "), such as PT0.2S, not " + timeout);
            }
            this.replicas = replicas;
            this.replicaTimeout = timeout;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the store; it connects on first use */
        public RedisSessionStore build() {
            return new RedisSessionStore(this);
        }
    }

    @Override
    public Optional<StoredSession> lookup(String id) {
        return SessionStore.isValidId(id) ? keys.lookup(id) : Optional.empty();
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        Objects.requireNonNull(newExpiry, "newExpiry");
        return SessionStore.isValidId(id) ? keys.touch(id, newExpiry) : TouchResult.GONE;
    }

    @Override
    public void delete(String id) {
        deleteIfPresent(id);
    }

    // The DEL reply: Redis runs commands one at a time, so of racing deletes only one removes the key.
    @Override
    public boolean deleteIfPresent(String id) {
        return SessionStore.isValidId(id) && keys.delete(id);
    }

    /** @throws IllegalArgumentException if {@code id} is not valid, or a live record with this id exists */
    @Override
    public void create(String id, StoredSession session) {
        SessionStore.checkCreate(id, session);
        keys.create(id, session);
    }

    /**
     * Checks that Redis answers and runs this store's scripts (Redis 7.0 or later), so that a wrong server fails at
     * start-up rather than on the first request.
     *
     * @throws IllegalStateException if the server cannot run the scripts, or the prefix holds other data
     * @throws StoreUnavailableException if Redis cannot be reached
     */
    public void check() {
        lookup("staleguard-check");
    }

    /** Closes the store's connection, and the client too when the store created it. */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return description;
    }
}
