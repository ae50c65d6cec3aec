package io.staleguard.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where sessions live when the servlet container's {@code HttpSession} is not the source of truth (S1).
 * <p>
 * Every method either answers definitively or throws {@link StoreUnavailableException}: a store that cannot be reached
 * must never answer "not found", because Staleguard would then sign the user out.
 * <p>
 * A record has three instants: when it was created, when it expires unless touched, and the absolute limit no touch
 * can extend it beyond. {@link #touchIfPresent(String, Instant)} is the one write that rolling sessions make on every
 * request, and it is the one that decides whether a logout can be undone: it must be a single atomic conditional
 * write that extends a live record and never creates one. A read followed by a write ("is it still there? then save
 * it") narrows the race with a concurrent logout but does not close it; an upsert does not even narrow it.
 * <p>
 * Session ids are credentials: implementations never log them or put them in exception messages. An id that
 * {@link #isValidId(String) cannot be stored} is never looked up: it is simply not found.
 * <p>
 * Staleguard finds the application's store, first that applies: a CDI bean of this type (with the CDI module); the
 * servlet context attribute {@link #ATTRIBUTE}; the {@code store} configuration key ({@code memory}, or
 * {@code jdbc:<JNDI name of a DataSource>}); else it works with the container's {@code HttpSession}.
 *
 * @see InMemorySessionStore
 * @see JdbcSessionStore
 * @since 0.1
 */
public interface SessionStore {

    /**
     * Name of the servlet context attribute that holds the application's store. Set it from a
     * {@code ServletContextListener} to supply your own; Staleguard also publishes the store it created from the
     * {@code store} configuration key there, so that application code can create sessions in it.
     */
    String ATTRIBUTE = "io.staleguard.store.SessionStore";

    /** The longest session id a store keeps: {@value}. Longer ids are never found. */
    int MAX_ID_LENGTH = 255;

    /**
     * The outcome of {@link #touchIfPresent(String, Instant)}: {@link #GONE}, or touched with the expiry the record
     * now has.
     */
    final class TouchResult {

        /** There was no live record: nothing was written. */
        public static final TouchResult GONE = new TouchResult(null);

        private final Instant expiresAt;

        private TouchResult(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }

        /**
         * The record existed and now expires at {@code expiresAt}.
         *
         * @param expiresAt the record's expiry after the touch: the requested one, or the absolute limit if sooner
         * @return a TOUCHED result
         * @throws NullPointerException if {@code expiresAt} is null
         */
        public static TouchResult touched(Instant expiresAt) {
            return new TouchResult(Objects.requireNonNull(expiresAt, "expiresAt"));
        }

        /** @return whether the record existed and was extended */
        public boolean isTouched() {
            return expiresAt != null;
        }

        /** @return whether there was no live record */
        public boolean isGone() {
            return expiresAt == null;
        }

        /**
         * @return when the touched record now expires
         * @throws IllegalStateException if the result is {@link #GONE}
         */
        public Instant expiresAt() {
            if (expiresAt == null) {
                throw new IllegalStateException("GONE has no expiry");
            }
            return expiresAt;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TouchResult t && Objects.equals(expiresAt, t.expiresAt);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(expiresAt);
        }

        @Override
        public String toString() {
            return expiresAt == null ? "GONE" : "TOUCHED(until " + expiresAt + ")";
        }
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
     * @param id the session id; any string
     * @return the live record, or empty when the primary has none
     * @throws StoreUnavailableException if the store cannot answer right now
     */
    default Optional<StoredSession> lookupAuthoritative(String id) {
        return lookup(id);
    }

    /**
     * Extends a live record, in one atomic conditional write that never creates a record: a session deleted by a
     * concurrent logout stays deleted.
     *
     * @param id the session id; any string
     * @param newExpiry when the record should expire; the record never gets an expiry beyond its absolute limit
     * @return {@link TouchResult#touched(Instant) TOUCHED} with the record's new expiry ({@code newExpiry}, or the
     *         absolute limit when that comes first), or {@link TouchResult#GONE} when there was no live record
     * @throws StoreUnavailableException if the store cannot answer right now; nothing may be assumed about the record
     */
    TouchResult touchIfPresent(String id, Instant newExpiry);

    /**
     * Deletes the record, if any. Deleting a missing record is not an error.
     *
     * @param id the session id; any string
     * @throws StoreUnavailableException if the store cannot answer right now; the record may still exist
     */
    void delete(String id);

    /**
     * Deletes the record like {@link #delete(String)}, and answers whether this call is the one that removed it: of
     * several calls racing on one id, from any number of nodes, at most one answers true. Staleguard uses it so that an
     * identity switch seen by several nodes at once is announced once across the cluster. The default deletes and
     * answers true: a store that cannot tell lets every caller announce.
     *
     * @param id the session id; any string
     * @return whether this call removed a record; false when there was none (never existed, or already deleted)
     * @throws StoreUnavailableException if the store cannot answer right now; the record may still exist
     * @since 0.1
     */
    default boolean deleteIfPresent(String id) {
        delete(id);
        return true;
    }

    /**
     * Stores a new record, for applications and tests that start sessions through Staleguard. Stores whose records are
     * written by the application's own code need not support it: the default throws
     * {@link UnsupportedOperationException}.
     *
     * @param id the new session id: {@link #isValidId(String) 1 to 255 visible ASCII characters}, unguessable
     * @param session its creation time, expiry and absolute limit
     * @throws IllegalArgumentException if {@code id} is not a valid id, or a record with this id already exists
     * @throws StoreUnavailableException if the store cannot answer right now; the record may or may not exist
     * @throws UnsupportedOperationException if this store does not create records
     */
    default void create(String id, StoredSession session) {
        throw new UnsupportedOperationException(getClass().getName() + " does not create sessions");
    }

    /**
     * The checks every {@link #create(String, StoredSession) create} makes before it asks its backend, so that all
     * stores refuse the same arguments with the same message.
     *
     * @param id the new session id
     * @param session the new record
     * @throws NullPointerException if {@code session} is null
     * @throws IllegalArgumentException if {@code id} is not {@link #isValidId(String) valid}
     * @since 0.1
     */
    static void checkCreate(String id, StoredSession session) {
        Objects.requireNonNull(session, "session");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("A session id must be 1 to " + MAX_ID_LENGTH
                    + " visible ASCII characters");
        }
    }

    /**
     * Whether {@code id} can name a record: 1 to {@value #MAX_ID_LENGTH} characters, each visible ASCII
     * ({@code !} to {@code ~}). Stores answer "not found" for any other id without asking their backend, so a crafted
     * cookie (control characters, kilobytes of text) never reaches a database.
     *
     * @param id any string, or null
     * @return whether a store may hold a record under this id
     */
    static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
