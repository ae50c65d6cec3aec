package io.staleguard.example.consent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.staleguard.example.Mode;

/**
 * Incident 1, "stale cookie at the consent step": the names and paths the demo provider, the demo client and
 * {@code web.xml} share. Everything of this incident lives under {@value #PATH}.
 */
public final class ConsentIncident {

    public static final String PATH = "/incident1";
    public static final String TITLE = "Stale cookie at the consent step";
    public static final String CRUMB = "Incident 1 · " + TITLE;

    /** The provider's interaction cookie; scoped to the interaction pages like oidc-provider's. */
    public static final String INTERACTION_COOKIE = "_interaction";

    static final String CLIENT_ID = "demo-client";
    static final String CLIENT_NAME = "Demo Client";
    static final String CLIENT_COOKIE = "demo_client";
    static final String CALLBACK = "/client/callback";

    private ConsentIncident() {
    }

    /** {@code /staleguard-example/incident1/with}: where the provider of that mode lives. */
    public static String base(String contextPath, Mode mode) {
        return contextPath + PATH + "/" + mode.segment();
    }

    /** The Path the provider sets {@link #INTERACTION_COOKIE} with; web.xml's {@code cookies} spec must name it. */
    public static String interactionCookiePath(String contextPath, Mode mode) {
        return base(contextPath, mode) + "/interaction";
    }

    /** Where the demo client starts a sign-in in {@code mode}. */
    public static String clientStart(String contextPath, Mode mode) {
        return contextPath + "/client/start?mode=" + mode.segment();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
