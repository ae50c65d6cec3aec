package io.staleguard.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A live session record as a {@link SessionStore} holds it.
 *
 * @param createdAt when the session was created
 * @param expiresAt when it expires unless touched
 * @since 0.1
 */
public record StoredSession(Instant createdAt, Instant expiresAt) {

    /** @throws NullPointerException if an argument is null */
    public StoredSession {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
