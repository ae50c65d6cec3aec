package io.staleguard.it.sso;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import io.staleguard.it.support.TestApps;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds incident 3's application as a deployment: a wiki-like app behind a forward-auth SSO proxy. The proxy (here:
 * the test client on loopback) names the signed-in user in {@value #HEADER}; the app's {@link ForwardAuth} filter signs
 * that user in when the request has no session, stores the e-mail address in the session attribute
 * {@value #USER_ATTRIBUTE}, and, like the wiki in the incident, writes a three-month "remember me" session cookie.
 * <p>
 * Every variant carries the same application and the same staleguard-filter jar in {@code WEB-INF/lib}; only
 * {@code web.xml} differs. With Staleguard, {@code web.xml} is the one the README's "Behind an SSO proxy" section
 * shows.
 */
public final class SsoApp {

    /** What the SSO proxy (oauth2-proxy, Traefik ForwardAuth) puts the signed-in user's e-mail address in. */
    public static final String HEADER = "X-Auth-Request-Email";
    /** Where the application keeps the signed-in user's e-mail address. */
    public static final String USER_ATTRIBUTE = "user.email";
    /** The application's users. */
    public static final String ALICE = "alice@example.com";
    public static final String BOB = "bob@example.com";
    /** The lifetime of the application's "remember me" session cookie: about three months, as in the incident. */
    public static final int REMEMBER_SECONDS = 90 * 24 * 3600;
    /** {@code max-cookie-age} in the Staleguard variants: the SSO stack's session window. */
    public static final int MAX_COOKIE_AGE_SECONDS = 7 * 24 * 3600;

    /** Context-param: how the application finds the header's user ({@link Users.Lookup}). */
    static final String LOOKUP_PARAM = "sso.lookup";
    /** Context-param: how long {@code /home} takes to answer, in milliseconds. */
    static final String HOME_DELAY_PARAM = "sso.home-delay-millis";

    /** How the application gets Staleguard, and how it looks users up. */
    public enum Variant {
        /** No Staleguard ({@code <absolute-ordering/>} leaves the jar's web-fragment out); exact lookup. */
        PLAIN,
        /** Staleguard registered in {@code web.xml}; exact lookup. */
        STALEGUARD,
        /**
         * Staleguard as in {@link #STALEGUARD}, but the application looks users up with {@code ILIKE}, as the wiki did
         * before its fix: the foil that shows the wildcard test can fail.
         */
        STALEGUARD_LIKE_LOOKUP
    }

    private SsoApp() {
    }

    public static WebArchive war(String name, Variant variant) {
        return war(name, variant, false);
    }

    /**
     * The Staleguard variant for the browser test, with two instruments: the {@link BurstGate} in front of
     * {@code /api/*}, and a restart target ({@code /home}) that takes 1.5 s to answer, which keeps the page that
     * navigates there alive a little longer, as a slow network would.
     */
    public static WebArchive browserWar(String name) {
        return war(name, Variant.STALEGUARD, true);
    }

    private static WebArchive war(String name, Variant variant, boolean browser) {
        WebArchive war = TestApps.war(name)
                .addClasses(Users.class, Users.Lookup.class, ForwardAuth.class, Pages.class, DocsApi.class)
                .addAsWebResource(new ClassLoaderAsset("sso/spa.js"), "spa.js")
                .addAsWebResource(new ClassLoaderAsset("sso/tap.js"), "tap.js")
                .setWebXML(new StringAsset(webXml(variant, browser)));
        if (browser) {
            war.addClasses(BurstGate.class, BurstGate.Arm.class, HomeLoads.class);
        }
        return war;
    }

    /** The context path of a deployment, from its URL, without the trailing slash. */
    public static String contextPath(URL base) {
        String path = base.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The Staleguard configuration of the Staleguard variants, as {@code staleguard.<key>} context-params. */
    static Map<String, String> staleguardConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("identity-header", HEADER);
        config.put("identity-attribute", USER_ATTRIBUTE);
        config.put("trusted-proxies", "127.0.0.1/32");
        config.put("restart-url", "/home");
        config.put("max-cookie-age", "P7D");
        return config;
    }

    private static String webXml(Variant variant, boolean browser) {
        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """);
        contextParam(x, LOOKUP_PARAM, variant == Variant.STALEGUARD_LIKE_LOOKUP ? "ilike" : "exact");
        contextParam(x, HOME_DELAY_PARAM, browser ? "1500" : "0");
        if (browser) {
            filter(x, "burst-gate", BurstGate.class.getName(), "/api/*");
        }
        if (variant == Variant.PLAIN) {
            x.append("    <absolute-ordering/>\n");
        } else {
            staleguardConfig().forEach((k, v) -> contextParam(x, "staleguard." + k, v));
            // Recovery first, then the cookie cap, then the application's sign-in: mapping order is chain order.
            filter(x, "staleguard", "io.staleguard.StaleSessionFilter", "/*");
            filter(x, "staleguard-cookie-cap", "io.staleguard.RollingSessionFilter", "/*");
        }
        filter(x, "forward-auth", ForwardAuth.class.getName(), "/*");
        return x.append("</web-app>\n").toString();
    }

    private static void filter(StringBuilder x, String name, String className, String urlPattern) {
        x.append("    <filter><filter-name>").append(name).append("</filter-name><filter-class>").append(className)
                .append("</filter-class><async-supported>true</async-supported></filter>\n")
                .append("    <filter-mapping><filter-name>").append(name).append("</filter-name><url-pattern>")
                .append(urlPattern).append("</url-pattern></filter-mapping>\n");
    }

    private static void contextParam(StringBuilder x, String name, String value) {
        x.append("    <context-param><param-name>").append(name).append("</param-name><param-value>").append(value)
                .append("</param-value></context-param>\n");
    }
}
