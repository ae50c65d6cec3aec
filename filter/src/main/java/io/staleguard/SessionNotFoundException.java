package io.staleguard;

import java.util.Objects;

/**
 * Thrown by application code when the session or interaction a request refers to no longer exists on the server.
 * <p>
 * Wherever it surfaces, directly or as the cause of another exception, {@link StaleSessionFilter} (and the
 * {@code @Interaction} interceptor of the CDI module) turns it into a recovery: the stale cookies are expired and the
 * user is sent to a fresh start of the flow instead of an error page.
 * <pre>
 * Interaction interaction = interactions.find(uid)
 *         .orElseThrow(() -&gt; new SessionNotFoundException("interaction " + uid + " not found"));
 * </pre>
 * Do not put session ids into the message: it may be logged.
 * <p>
 * Only throw it when the session is <em>definitively</em> gone. A store that cannot be reached says nothing about the
 * session; throw {@link io.staleguard.store.StoreUnavailableException} for that, which Staleguard never treats as stale.
 *
 * @since 0.1
 */
public class SessionNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reason recorded in {@link SessionEnded}. */
    private final EndReason reason;

    /**
     * A session-not-found with reason {@link EndReason#NOT_FOUND}.
     *
     * @param message what was not found, without any session id
     */
    public SessionNotFoundException(String message) {
        this(EndReason.NOT_FOUND, message, null);
    }

    /**
     * A session-not-found with reason {@link EndReason#NOT_FOUND} and a cause.
     *
     * @param message what was not found, without any session id
     * @param cause the low-level failure that proved the session gone
     */
    public SessionNotFoundException(String message, Throwable cause) {
        this(EndReason.NOT_FOUND, message, cause);
    }

    /**
     * A session-not-found with an explicit reason.
     *
     * @param reason why the session is gone, for example {@link EndReason#INVALID_SIGNATURE} after a key rotation
     * @param message what was not found, without any session id
     * @throws NullPointerException if {@code reason} is null
     */
    public SessionNotFoundException(EndReason reason, String message) {
        this(reason, message, null);
    }

    /**
     * A session-not-found with an explicit reason and a cause.
     *
     * @param reason why the session is gone
     * @param message what was not found, without any session id
     * @param cause the low-level failure that proved the session gone, may be null
     * @throws NullPointerException if {@code reason} is null
     */
    public SessionNotFoundException(EndReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @return why the session is gone; never null
     */
    public EndReason reason() {
        return reason;
    }
}
