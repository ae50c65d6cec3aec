package io.staleguard.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where sessions live when the servlet container's {@code HttpSession} is not the source of truth (S1).
 * <p>
 * Every method either answers definitively or throws {@link StoreUnavailableException}: a store that cannot be reached
 * must never answer "not found", because Staleguard would then sign the user out.
 *
 * @since 0.1
 */
public interface SessionStore {

    /** The outcome of {@link #touchIfPresent(String, Instant)}. */
    enum TouchResult {
        /** The record existed and now expires at the new time. */
        TOUCHED,
        /** There was no live record: nothing was written. */
        GONE
    }

    /**
     * @param id the session id, as the cookie carries it; any string, never interpreted
     * @return the live record, or empty when there is none (never existed, deleted, or expired)
     * @throws StoreUnavailableException if the store cannot answer right now
     */
    Optional<StoredSession> lookup(String id);

    /**
     * Like {@link #lookup(String)}, but asks the primary when the store reads from replicas, so that a "not found"
     * caused by replication lag is never taken for a gone session (T2). The default asks {@link #lookup(String)}.
     *
     * @throws StoreUnavailableException if the store cannot answer right now
     */
    default Optional<StoredSession> lookupAuthoritative(String id) {
        return lookup(id);
    }

    /**
     * Extends a live record, in one atomic conditional write that never creates a record: a session deleted by a
     * concurrent logout stays deleted.
     *
     * @param id the session id
     * @param newExpiry when the record should expire; a store never extends a record beyond its absolute limit
     * @return {@link TouchResult#TOUCHED} or {@link TouchResult#GONE}
     * @throws StoreUnavailableException if the store cannot answer right now
     */
    TouchResult touchIfPresent(String id, Instant newExpiry);

    /**
     * Deletes the record, if any. Deleting a missing record is not an error.
     *
     * @throws StoreUnavailableException if the store cannot answer right now
     */
    void delete(String id);
}
