package io.staleguard.cluster.support;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Plain Lettuce connections to the servers the suite starts, that read around the store; closed together. */
public final class RedisClients implements AutoCloseable {

    private final List<RedisClient> clients = new ArrayList<>();

    public RedisClient client(int port) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        clients.add(client);
        return client;
    }

    public RedisCommands<String, String> to(int port) {
        StatefulRedisConnection<String, String> c = client(port).connect();
        return c.sync();
    }

    @Override
    public void close() {
        clients.forEach(RedisClient::shutdown);
    }
}
