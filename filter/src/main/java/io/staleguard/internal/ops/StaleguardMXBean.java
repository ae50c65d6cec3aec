package io.staleguard.internal.ops;

/**
 * Staleguard's counters for one application, registered as {@code io.staleguard:type=Staleguard,context=<path>}.
 * Every counter only grows, from the application's start.
 */
public interface StaleguardMXBean {

    /** @return stale sessions recovered: cookies expired and the user sent to a fresh start */
    long getRecovered();

    /** @return recoveries refused by the loop guard because one had just happened */
    long getLoopGuarded();

    /** @return sessions flushed because the trusted identity header named another user */
    long getIdentityChanged();

    /** @return sessions extended by a successful conditional touch */
    long getRolled();

    /** @return rolling requests whose session the store no longer had */
    long getGone();

    /** @return requests that met an unavailable store */
    long getUnavailable();
}
