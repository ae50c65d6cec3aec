package io.staleguard.example.consent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.staleguard.example.Mode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

    static String cookieValue(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (name.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    static Cookie cookie(String name, String value, String path, int maxAge) {
        Cookie c = new Cookie(name, value);
        c.setPath(path);
        c.setHttpOnly(true);
        c.setMaxAge(maxAge);
        c.setAttribute("SameSite", "Lax");
        return c;
    }

    /** 303 See Other: after a POST the browser GETs {@code location}, and reloading never re-posts. */
    static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
