/**
 * Where sessions live when the servlet container's own {@code HttpSession} is not enough: the
 * {@link io.staleguard.store.SessionStore} contract and its two built-in implementations.
 * <p>
 * A store answers three questions atomically: is this session alive ({@code lookup}), extend it only if it still
 * exists ({@code touchIfPresent}, never an upsert), and end it ({@code delete}). A store that cannot answer throws
 * {@link io.staleguard.store.StoreUnavailableException}, which Staleguard never mistakes for "session gone".
 * {@link io.staleguard.store.InMemorySessionStore} suits one node; {@link io.staleguard.store.JdbcSessionStore} works
 * on any {@code DataSource} and is verified on PostgreSQL, MariaDB and H2. A Redis store is in the
 * {@code staleguard-redis} module.
 *
 * @since 0.1
 */
package io.staleguard.store;
