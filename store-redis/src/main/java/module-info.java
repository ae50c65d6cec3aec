/**
 * Staleguard's Redis session store: {@link io.staleguard.redis.RedisSessionStore}, through Lettuce.
 * <p>
 * Exports {@code io.staleguard.redis}. Servlet containers deploy the jar from {@code WEB-INF/lib}, on the class path,
 * where this declaration changes nothing: it only takes effect for code that puts the jar on a module path.
 *
 * @since 0.1
 */
module io.staleguard.redis {
    // RedisSessionStore is a SessionStore.
    requires transitive io.staleguard;
    // RedisSessionStore.builder takes Lettuce's RedisClient and RedisClusterClient. lettuce-core is an automatic module
    // whose name its manifest fixes (Automatic-Module-Name: lettuce.core).
    requires transitive lettuce.core;

    exports io.staleguard.redis;
}
