package io.staleguard.internal.config;

/** The {@code on-unavailable} setting: what a transient failure becomes (T1). */
public enum OnUnavailable implements Choice {
    /** A 503 with Retry-After. */
    RETRY_LATER,
    /** The exception, for the application's own error handling. */
    PROPAGATE
}
