package io.staleguard.internal.rolling;

import java.time.Instant;

import io.staleguard.store.SessionStore;
import io.staleguard.store.SessionStore.TouchResult;

/** How {@link Rolling} touches a session: {@link SessionStore#touchIfPresent}, directly or shared. */
@FunctionalInterface
interface Touch {

    /**
     * @return the store's answer to a touch sent after this call began
     * @throws RuntimeException what the store's touch threw
     */
    TouchResult touch(String id, Instant newExpiry);
}
