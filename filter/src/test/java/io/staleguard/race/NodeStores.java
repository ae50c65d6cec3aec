package io.staleguard.race;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;

/**
 * Application nodes behind a load balancer, for the race harness: each request thread is served by one of
 * {@code nodes}, each a store instance with its own client and connection to the shared store. On a single connection
 * a client such as Lettuce pipelines commands in order, and the race would hardly ever run.
 */
public record NodeStores(List<? extends SessionStore> nodes) implements SessionStore {

    /** @return the index of the node serving the current request thread */
    public static int node(int nodes) {
        return (int) (Thread.currentThread().getId() % nodes);
    }

    private SessionStore current() {
        return nodes.get(node(nodes.size()));
    }

    @Override
    public Optional<StoredSession> lookup(String id) {
        return current().lookup(id);
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        return current().touchIfPresent(id, newExpiry);
    }

    @Override
    public void delete(String id) {
        current().delete(id);
    }

    @Override
    public void create(String id, StoredSession session) {
        current().create(id, session);
    }
}
