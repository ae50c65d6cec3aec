package io.staleguard;

/**
 * Why Staleguard ended a session. Carried by {@link SessionEnded} and by {@link SessionNotFoundException}.
 *
 * @since 0.1
 */
public enum EndReason {

    /** The request named a session that the server (container or store) no longer has. */
    NOT_FOUND,

    /** The session existed but timed out, or a framework reported its state expired (for example a Faces view). */
    EXPIRED,

    /** A trusted identity header names someone else than the user the session belongs to. */
    IDENTITY_CHANGED,

    /** The application logged the user out through {@code Staleguard.logout}. */
    LOGGED_OUT,

    /** A signed cookie or token of the application failed verification, for example after a key rotation. */
    INVALID_SIGNATURE
}
