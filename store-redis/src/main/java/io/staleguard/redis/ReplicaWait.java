package io.staleguard.redis;

import java.time.Duration;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.staleguard.store.StoreUnavailableException;

/**
 * {@link RedisSessionStore.Builder#waitForReplicas(int, Duration)}: a delete counts only once enough replicas have it,
 * so that the promotion of a replica without the {@code DEL} cannot undo a logout the user saw succeed.
 *
 * @param replicas how many replicas must confirm a delete; 0: deletes do not wait for replicas
 * @param timeout how long a delete waits for them
 * @param description the store, as messages name it
 */
record ReplicaWait(int replicas, Duration timeout, String description) {

    boolean enabled() {
        return replicas > 0;
    }

    /**
     * Sends {@code WAIT} on {@code master}, the connection the {@code DEL} went to: WAIT counts that connection's
     * writes.
     *
     * @throws StoreUnavailableException if fewer replicas than asked confirmed the delete in time
     */
    void confirm(RedisClusterCommands<String, String> master) {
        Long confirmed = master.waitForReplication(replicas, timeout.toMillis());
        if (confirmed == null || confirmed < replicas) {
            throw new StoreUnavailableException(description + ": a session was deleted on the master, but "
                    + (confirmed == null ? 0 : confirmed) + " of " + replicas + " replicas confirmed it within "
                    + timeout + "; a failover could undo it, so the delete is reported as failed");
        }
    }
}
