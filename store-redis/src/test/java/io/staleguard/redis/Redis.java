package io.staleguard.redis;

import java.time.Clock;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.staleguard.testing.RealStores;

/**
 * The Redis server the tests use (127.0.0.1:6379, shared with other test runs: every key starts with
 * {@link #PREFIX}, which holds this JVM's process id), and a plain connection to it that reads and writes around the
 * store's own logic.
 */
final class Redis implements AutoCloseable {

    static final String PREFIX = "wt-transient:" + ProcessHandle.current().pid() + ":";

    final RedisClient client;
    final StatefulRedisConnection<String, String> connection;
    final RedisCommands<String, String> commands;

    private Redis(String uri) {
        client = RedisClient.create(uri);
        connection = client.connect();
        commands = connection.sync();
    }

    /** Fails on CI, skips elsewhere, when Redis is not running. */
    static Redis require() {
        RealStores.require(RealStores.REDIS);
        return new Redis(uri(RealStores.REDIS.port()));
    }

    static String uri(int port) {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** A store under its own prefix, on {@code port} (Redis' or a proxy's), with the test clock. */
    static RedisSessionStore.Builder store(int port, String prefix, Clock clock) {
        return RedisSessionStore.builder(uri(port)).keyPrefix(PREFIX + prefix + ":").clock(clock);
    }

    /** @return whether the key of session {@code id} under {@code prefix} exists, as Redis itself says */
    boolean holds(String prefix, String id) {
        return commands.exists(PREFIX + prefix + ":" + id) > 0;
    }

    /** Deletes every key under {@code prefix}. */
    void clear(String prefix) {
        List<String> keys = ScanIterator.scan(commands, ScanArgs.Builder.matches(PREFIX + prefix + ":*").limit(500))
                .stream().toList();
        if (!keys.isEmpty()) {
            commands.del(keys.toArray(String[]::new));
        }
    }

    /** @return how many keys there are under {@code prefix} */
    long count(String prefix) {
        return ScanIterator.scan(commands, ScanArgs.Builder.matches(PREFIX + prefix + ":*").limit(500)).stream()
                .count();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
