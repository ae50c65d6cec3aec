package io.staleguard.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.staleguard.store.StoreUnavailableException;

/**
 * The one connection of a {@link RedisSessionStore}, opened on first use rather than at build time, so that an
 * application starts while Redis is down; after a failed attempt the next one waits a pause, so that an outage costs
 * each request one quick answer rather than a connection attempt. A store built from a URI owns its client, and
 * closing the connection shuts that client down too.
 */
final class LazyConnection {

    /** Opens the connection: {@code connect} of a {@link RedisClient} or of a cluster client. */
    private final Supplier<StatefulConnection<String, String>> connector;
    /** Null when the application owns the client. */
    private final RedisClient ownedClient;
    /** Null when the application owns the client. */
    private final ClientResources ownedResources;
    private final Duration timeout;
    private final Clock clock;
    private final long reconnectPauseMillis;
    /** The store, as messages name it. */
    private final String description;

    private final Object connecting = new Object();
    private volatile StatefulConnection<String, String> connection;
    private volatile RedisClusterCommands<String, String> commands;
    /** Guarded by {@link #connecting}: no connection attempt before this instant (epoch ms). */
    private long nextAttempt;
    private volatile boolean closed;

    /**
     * A store built from a URI gets a Lettuce client of its own, set up for sessions: commands fail at once while the
     * connection is down (instead of queueing until they time out), and reconnection is retried at most a second
     * apart. On the application's client the store opens one connection and leaves the client alone.
     */
    LazyConnection(ClientSource source, String description, Duration timeout, Clock clock, long reconnectPauseMillis) {
        this.description = description;
        this.timeout = timeout;
        this.clock = clock;
        this.reconnectPauseMillis = reconnectPauseMillis;
        if (source.client() != null) {
            this.connector = source.client()::connect;
            this.ownedClient = null;
            this.ownedResources = null;
        } else if (source.clusterClient() != null) {
            this.connector = source.clusterClient()::connect;
            this.ownedClient = null;
            this.ownedResources = null;
        } else {
            this.ownedResources = ClientResources.builder()
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                            TimeUnit.MILLISECONDS))
                    .build();
            RedisClient client = RedisClient.create(ownedResources, source.uri());
            this.ownedClient = client;
            this.connector = client::connect;
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .build());
        }
    }

    RedisClusterCommands<String, String> commands(String operation) {
        RedisClusterCommands<String, String> c = commands;
        if (c != null) {
            return c;
        }
        synchronized (connecting) {
            if (closed) {
                throw new IllegalStateException(description + " is closed");
            }
            if (connection == null) {
                if (clock.millis() < nextAttempt) {
                    throw new StoreUnavailableException(description + ": no connection to " + operation
                            + " (the last attempt failed moments ago)");
                }
                try {
                    StatefulConnection<String, String> opened = connector.get();
                    opened.setTimeout(timeout);
                    connection = opened;
                    commands = sync(opened);
                } catch (RedisException e) {
                    nextAttempt = clock.millis() + reconnectPauseMillis;
                    throw new StoreUnavailableException(description + ": no connection to " + operation + " ("
                            + e.getClass().getSimpleName() + ")", e);
                }
            }
            return commands;
        }
    }

    /**
     * @return the commands of the master that holds {@code key}: on a cluster connection that node's own connection;
     *         otherwise {@code all}, the one master there is
     */
    RedisClusterCommands<String, String> masterOf(RedisClusterCommands<String, String> all, String key) {
        if (!(connection instanceof StatefulRedisClusterConnection<String, String> cluster)) {
            return all;
        }
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            throw new StoreUnavailableException("RedisSessionStore: no master known for a key's slot");
        }
        return cluster.getConnection(master.getNodeId()).sync();
    }

    /** Closes the connection, and the client too when this created it. */
    void close() {
        closed = true;
        synchronized (connecting) {
            StatefulConnection<String, String> c = connection;
            connection = null;
            commands = null;
            if (c != null) {
                c.close();
            }
        }
        if (ownedResources != null) {
            ownedClient.shutdown();
            ownedResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The commands of a connection from a plain (or Sentinel) client or from a cluster client. */
    private static RedisClusterCommands<String, String> sync(StatefulConnection<String, String> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.sync();
        }
        return ((StatefulRedisConnection<String, String>) connection).sync();
    }
}
