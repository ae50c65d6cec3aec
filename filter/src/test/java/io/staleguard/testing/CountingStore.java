package io.staleguard.testing;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;

/** Counts every call into a store: the round trips a request costs. */
public final class CountingStore implements SessionStore {

    private final SessionStore delegate;
    public final AtomicInteger lookups = new AtomicInteger();
    public final AtomicInteger authoritativeLookups = new AtomicInteger();
    public final AtomicInteger touches = new AtomicInteger();
    public final AtomicInteger deletes = new AtomicInteger();
    public final AtomicInteger creates = new AtomicInteger();

    public CountingStore(SessionStore delegate) {
        this.delegate = delegate;
    }

    /** @return every call so far, creates excluded (tests create sessions themselves) */
    public int calls() {
        return lookups.get() + authoritativeLookups.get() + touches.get() + deletes.get();
    }

    public void reset() {
        lookups.set(0);
        authoritativeLookups.set(0);
        touches.set(0);
        deletes.set(0);
        creates.set(0);
    }

    @Override
    public Optional<StoredSession> lookup(String id) {
        lookups.incrementAndGet();
        return delegate.lookup(id);
    }

    @Override
    public Optional<StoredSession> lookupAuthoritative(String id) {
        authoritativeLookups.incrementAndGet();
        return delegate.lookupAuthoritative(id);
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        touches.incrementAndGet();
        return delegate.touchIfPresent(id, newExpiry);
    }

    @Override
    public void delete(String id) {
        deletes.incrementAndGet();
        delegate.delete(id);
    }

    @Override
    public void create(String id, StoredSession session) {
        creates.incrementAndGet();
        delegate.create(id, session);
    }
}
