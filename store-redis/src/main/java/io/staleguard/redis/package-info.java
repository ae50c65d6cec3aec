/**
 * {@link io.staleguard.redis.RedisSessionStore}: sessions kept in Redis 7 or later (or Valkey) through Lettuce, one
 * atomic script per rolling touch, for applications whose nodes share one Redis.
 *
 * @since 0.1
 */
package io.staleguard.redis;
