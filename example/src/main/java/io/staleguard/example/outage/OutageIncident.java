package io.staleguard.example.outage;

import java.time.Duration;

import io.staleguard.example.Mode;

/**
 * Incident 4, "“session not found” that was only transient": the names and paths the demo dashboard, its naive error
 * handling and {@code web.xml} share. Everything of this incident lives under {@value #PATH}.
 */
public final class OutageIncident {

    public static final String PATH = "/incident4";
    public static final String TITLE = "“Session not found” that was only transient";
    public static final String CRUMB = "Incident 4 · " + TITLE;

    /** The dashboard's session cookie, scoped to the mode's URL space; web.xml's session-cookie names it. */
    public static final String SESSION_COOKIE = "dash_session";

    /** How long a simulated outage lasts unless ended sooner: a blip, like a failover or a restart. */
    public static final Duration OUTAGE = Duration.ofSeconds(20);

    /** The key of this demo's sessions in {@link io.staleguard.example.StoreSessions}. */
    static final String NAME = "incident4";

    private OutageIncident() {
    }

    /** {@code /staleguard-example/incident4/with}: where the dashboard of that mode lives. */
    public static String base(String contextPath, Mode mode) {
        return contextPath + PATH + "/" + mode.segment();
    }

    /** The Path of {@link #SESSION_COOKIE}: the mode's whole URL space. */
    public static String cookiePath(String contextPath, Mode mode) {
        return base(contextPath, mode);
    }

    /** The dashboard, where the tour starts it. */
    public static String start(String contextPath, Mode mode) {
        return base(contextPath, mode) + "/";
    }

    /** The tour's outage switch. */
    public static String outageSwitch(String contextPath) {
        return contextPath + PATH + "/outage";
    }
}
