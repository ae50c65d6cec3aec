package io.staleguard.race;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.Database;

/**
 * Deliberately broken stores, so the race harness can show that it sees the race. Never use them.
 * <ul>
 * <li>{@link #readThenWrite}: "is the session still there? then save it": the narrowed-but-open fix from incident 2. A
 * logout that lands between the read and the write is undone by the write.</li>
 * <li>{@link #upsert}: saves the rolled session unconditionally, the original bug: any touch after the logout
 * re-creates the record.</li>
 * </ul>
 * Both write with an unconditional "save" (an upsert), which is exactly what a store without a conditional update has.
 */
public final class Foils {

    private Foils() {
    }

    /** The unconditional write a naive store has. Lookups, deletes and creates go to {@code real}. */
    public interface Saving {
        SessionStore real();

        void save(String id, StoredSession session);
    }

    public static SessionStore readThenWrite(Saving store) {
        return new Foil(store) {
            @Override
            public TouchResult touchIfPresent(String id, Instant newExpiry) {
                Optional<StoredSession> found = store.real().lookup(id);
                if (found.isEmpty()) {
                    return TouchResult.GONE;
                }
                StoredSession s = found.get();
                Instant expiry = newExpiry.isAfter(s.absoluteExpiresAt()) ? s.absoluteExpiresAt() : newExpiry;
                store.save(id, new StoredSession(s.createdAt(), expiry, s.absoluteExpiresAt()));
                return TouchResult.touched(expiry);
            }
        };
    }

    public static SessionStore upsert(Saving store) {
        return new Foil(store) {
            @Override
            public TouchResult touchIfPresent(String id, Instant newExpiry) {
                Instant now = Instant.now();
                store.save(id, new StoredSession(now, newExpiry, now.plus(Duration.ofHours(12))));
                return TouchResult.touched(newExpiry);
            }
        };
    }

    private abstract static class Foil implements SessionStore {
        final Saving store;

        Foil(Saving store) {
            this.store = store;
        }

        @Override
        public Optional<StoredSession> lookup(String id) {
            return store.real().lookup(id);
        }

        @Override
        public void delete(String id) {
            store.real().delete(id);
        }

        @Override
        public void create(String id, StoredSession session) {
            store.real().create(id, session);
        }
    }

    /**
     * A naive map store for the in-memory foils. {@code get} and {@code put} are two separate calls, as they are two
     * round trips to a remote store; the {@link Thread#yield()} between a foil's read and its write stands in for that
     * round trip, which an in-process map does not have.
     */
    public static final class MapStore implements Saving, SessionStore {
        private final Map<String, StoredSession> map = new ConcurrentHashMap<>();

        @Override
        public SessionStore real() {
            return this;
        }

        @Override
        public void save(String id, StoredSession session) {
            Thread.yield();
            map.put(id, session);
        }

        @Override
        public Optional<StoredSession> lookup(String id) {
            StoredSession s = map.get(id);
            return s == null || !s.isLiveAt(Instant.now()) ? Optional.empty() : Optional.of(s);
        }

        @Override
        public TouchResult touchIfPresent(String id, Instant newExpiry) {
            throw new UnsupportedOperationException("only the foils touch");
        }

        @Override
        public void delete(String id) {
            map.remove(id);
        }

        @Override
        public void create(String id, StoredSession session) {
            map.put(id, session);
        }

        public boolean holds(String id) {
            return map.containsKey(id);
        }
    }

    /** The foils' JDBC write: the dialect's upsert. Lookups, deletes and creates use the real JdbcSessionStore. */
    public static Saving jdbc(SessionStore real, DataSource ds, Database db, String table) {
        String upsert = db.upsertSql(table);
        return new Saving() {
            @Override
            public SessionStore real() {
                return real;
            }

            @Override
            public void save(String id, StoredSession s) {
                try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(upsert)) {
                    p.setString(1, id);
                    p.setLong(2, s.createdAt().toEpochMilli());
                    p.setLong(3, s.expiresAt().toEpochMilli());
                    p.setLong(4, s.absoluteExpiresAt().toEpochMilli());
                    p.executeUpdate();
                } catch (SQLException e) {
                    throw new StoreUnavailableException("foil upsert failed", e);
                }
            }
        };
    }
}
