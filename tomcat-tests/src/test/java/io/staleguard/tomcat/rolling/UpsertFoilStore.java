package io.staleguard.tomcat.rolling;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;

/**
 * Deliberately broken, never use it: incident 2's original bug, a rolling touch that saves the session unconditionally
 * (an upsert). A touch that lands after the logout's delete writes the record back: the logout is undone. The race test
 * runs against it to show that it detects exactly that.
 */
public class UpsertFoilStore implements SessionStore {

    private final Map<String, StoredSession> records = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredSession> lookup(String id) {
        return Optional.ofNullable(records.get(id)).filter(s -> s.isLiveAt(Instant.now()));
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        Instant now = Instant.now();
        records.put(id, new StoredSession(now, newExpiry, now.plus(Duration.ofHours(12))));
        return TouchResult.touched(newExpiry);
    }

    @Override
    public void delete(String id) {
        records.remove(id);
    }

    @Override
    public void create(String id, StoredSession session) {
        records.put(id, session);
    }
}
