package io.staleguard.internal.rolling;

/** What a {@code RollingSessionFilter} does, as its configuration decides. */
public enum RollingMode {
    /** {@code rolling=false} and no {@code max-cookie-age}: nothing at all (R1). */
    OFF,
    /**
     * {@code rolling=false} with an explicit {@code max-cookie-age}: no store call and no cookie of its own (R1), but
     * the application's session cookies leave with at most {@code max-cookie-age} (R6), for applications whose
     * sessions are the container's or their own, such as one behind an SSO proxy.
     */
    CAP_ONLY,
    /** {@code rolling=true}: R2–R7. */
    ROLLING
}
