package io.staleguard.store;

import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The reads of a {@link JdbcSessionStore} (T2): from the read replica when there is one and it answers, else from the
 * primary, which alone is authoritative. A replica lags behind its primary, so only {@link #preferReplica} may read
 * it.
 *
 * @param reads the replica, or the primary when there is none
 */
record Lookups(DataSource primary, DataSource reads, SessionTable sessions, Transactions transactions, Clock clock) {

    Optional<StoredSession> preferReplica(String id) {
        if (reads != primary && SessionStore.isValidId(id)) {
            try {
                return lookup(reads, "look up a session on the read replica", id);
            } catch (StoreUnavailableException replicaDown) {
                return authoritative(id);
            }
        }
        return authoritative(id);
    }

    Optional<StoredSession> authoritative(String id) {
        return lookup(primary, "look up a session", id);
    }

    private Optional<StoredSession> lookup(DataSource from, String operation, String id) {
        if (!SessionStore.isValidId(id)) {
            return Optional.empty();
        }
        long now = clock.millis();
        return transactions.call(from, operation, c -> sessions.lookup(c, id, now));
    }
}
