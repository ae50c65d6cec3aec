package io.staleguard.internal.ops;

/**
 * The ids of the filter's log lines: stable, so that operators can grep for them and alert on them. What each means
 * and what to do about it is in {@code docs/operations.md}; the CDI module's ids are {@code SG01xx}, configuration
 * errors {@code SG02xx}.
 */
public enum LogId {
    /** INFO, once per deployment: started, with a summary of the configuration. */
    STARTED(1),
    /** WARNING: a session ended after the response was committed; nothing could be expired or redirected. */
    COMMITTED(2),
    /** WARNING, throttled: the loop guard refused a second recovery within the retry window. */
    LOOP_GUARD(3),
    /** WARNING: a {@code SessionEndedListener} threw. */
    LISTENER_FAILED(4),
    /** INFO, once per deployment: drop-in registrations that are not active. */
    DROP_IN_INACTIVE(5),
    /** WARNING or INFO: the MBean could not be, or is not, registered or unregistered. */
    JMX_FAILED(6),
    /** DEBUG: a session was ended. */
    RECOVERED(7),
    /** INFO: restart cookies are signed with a generated key. */
    RANDOM_RESTART_KEY(8),
    /** WARNING, throttled: an identity header was ignored. */
    UNTRUSTED_IDENTITY_HEADER(9),
    /** WARNING, throttled: the session store was unavailable; no session was ended. */
    STORE_UNAVAILABLE(10),
    /** DEBUG: a {@code Set-Cookie} that would have revived an ended session was dropped. */
    GATE_DROPPED(11),
    /** WARNING, once: the application's session cookie attributes differ from the configuration. */
    COOKIE_ATTRIBUTES(12),
    /** WARNING: an init-param of a Staleguard filter, or a {@code staleguard.*} context-param, is not a key. */
    UNKNOWN_KEY(13),
    /** WARNING: the container's {@code HttpSession.invalidate()} threw after the session had ended. */
    INVALIDATE_FAILED(14);

    private final String id;

    LogId(int number) {
        this.id = String.format("SG%04d", number);
    }

    /** @return the id as logged, e.g. {@code SG0001} */
    public String id() {
        return id;
    }
}
