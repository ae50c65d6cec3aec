package io.staleguard.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * What a {@link RedisSessionStore} connects through: a Lettuce client of its own for a URI, or the application's
 * plain (or Sentinel) or cluster client, which the store leaves to the application. Exactly one of the three is set.
 */
record ClientSource(RedisURI uri, RedisClient client, RedisClusterClient clusterClient) {

    static ClientSource ownClient(RedisURI uri) {
        return new ClientSource(uri, null, null);
    }

    static ClientSource applicationClient(RedisClient client) {
        return new ClientSource(null, client, null);
    }

    static ClientSource applicationCluster(RedisClusterClient client) {
        return new ClientSource(null, null, client);
    }

    /** @return the store's name in messages and {@code toString}: never a password, never a session id */
    String describe(String prefix) {
        if (client != null) {
            return "RedisSessionStore[" + prefix + "*]";
        }
        if (clusterClient != null) {
            return "RedisSessionStore[cluster, " + prefix + "*]";
        }
        // Host and port only: the URI may carry a password.
        return "RedisSessionStore[" + uri.getHost() + ":" + uri.getPort() + ", " + prefix + "*]";
    }
}
