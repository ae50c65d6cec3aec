package io.staleguard.cdi.internal;

/**
 * Message ids of the CDI module, in a block of their own ({@code SG01xx}) so that they never collide with the filter's.
 * Messages go through the filter's {@code io.staleguard.internal.ops.Log}.
 */
final class CdiLog {

    /** INFO: the CDI integration is active, and which optional APIs it found. */
    static final String STARTED = "SG0101";
    /** WARN: SessionEnded could not be fired as a CDI event (no reachable BeanManager, or no CDI at all). */
    static final String NO_BEAN_MANAGER = "SG0102";
    /** WARN: an {@code @ObservesAsync SessionEnded} observer failed. */
    static final String ASYNC_OBSERVER_FAILED = "SG0103";
    /** WARN: MicroProfile Config has a {@code staleguard.*} property that is not a Staleguard key. */
    static final String UNKNOWN_KEY = "SG0104";

    private CdiLog() {
    }
}
