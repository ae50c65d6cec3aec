package io.staleguard.example.rolling;

import io.staleguard.example.Mode;

/**
 * Incident 2, "rolling session revived by a concurrent logout": the names and paths the demo application, its naive
 * roller and {@code web.xml} share. Everything of this incident lives under {@value #PATH}.
 */
public final class RollingIncident {

    public static final String PATH = "/incident2";
    public static final String TITLE = "Rolling session revived by a concurrent logout";
    public static final String CRUMB = "Incident 2 · " + TITLE;

    /** The demo application's own session cookie, scoped to the mode's URL space; web.xml's session-cookie names it. */
    public static final String SESSION_COOKIE = "app_session";

    /** The key of this demo's sessions in {@link io.staleguard.example.StoreSessions}. */
    static final String NAME = "incident2";

    private RollingIncident() {
    }

    /** {@code /staleguard-example/incident2/with}: where the demo application of that mode lives. */
    public static String base(String contextPath, Mode mode) {
        return contextPath + PATH + "/" + mode.segment();
    }

    /** The Path of {@link #SESSION_COOKIE}: the mode's whole URL space. */
    public static String cookiePath(String contextPath, Mode mode) {
        return base(contextPath, mode);
    }

    /** The demo's account page, where the tour starts it. */
    public static String start(String contextPath, Mode mode) {
        return base(contextPath, mode) + "/";
    }
}
