package io.staleguard.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A session record as a {@link SessionStore} holds it.
 *
 * @param createdAt when the session was created
 * @param expiresAt when it expires unless touched
 * @param absoluteExpiresAt when it expires however often it is touched: a touch never extends {@code expiresAt}
 *        beyond it
 * @since 0.1
 */
public record StoredSession(Instant createdAt, Instant expiresAt, Instant absoluteExpiresAt) {

    /**
     * Checks the components.
     *
     * @param createdAt when the session was created
     * @param expiresAt when it expires unless touched
     * @param absoluteExpiresAt when it expires however often it is touched
     * @throws NullPointerException if an argument is null
     */
    public StoredSession {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt");
    }

    /**
     * A session created at {@code now}: it expires after {@code inactivity} unless touched, and after {@code absolute}
     * in any case.
     *
     * @param now the creation time
     * @param inactivity how long it lives untouched (the {@code inactivity} configuration key)
     * @param absolute how long it lives at most (the {@code absolute} configuration key)
     * @return the new record
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a duration is zero or negative
     */
    public static StoredSession startingAt(Instant now, Duration inactivity, Duration absolute) {
        Objects.requireNonNull(now, "now");
        if (inactivity.isNegative() || inactivity.isZero() || absolute.isNegative() || absolute.isZero()) {
            throw new IllegalArgumentException("inactivity and absolute must be positive, not " + inactivity + " and "
                    + absolute);
        }
        Instant limit = now.plus(absolute);
        Instant expiry = now.plus(inactivity);
        return new StoredSession(now, expiry.isAfter(limit) ? limit : expiry, limit);
    }

    /**
     * @param now the current time
     * @return whether the record is still alive at {@code now}
     */
    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
