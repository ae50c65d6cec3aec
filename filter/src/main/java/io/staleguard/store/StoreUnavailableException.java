package io.staleguard.store;

/**
 * A session store could not answer: it is down, timed out, or lost its connection.
 * <p>
 * It says nothing about whether the session exists, so Staleguard never treats it as "session gone": no cookie is
 * expired, nothing is invalidated or deleted, no {@link io.staleguard.SessionEnded} is fired. Throw it from your own
 * code too when a store your sessions depend on is unreachable.
 *
 * @since 0.1
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be reached, without any session id
     * @param cause the underlying failure, may be null
     */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param message what could not be reached, without any session id
     */
    public StoreUnavailableException(String message) {
        super(message);
    }
}
