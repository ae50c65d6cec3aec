package io.staleguard.it.consent;

import java.net.URI;
import java.net.URL;
import java.util.Map;

import io.staleguard.it.support.TestApps;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the test OpenID provider (incident 1) as a deployment, with Staleguard registered one of the ways users
 * register it, or not at all. Every variant carries the same application and the same staleguard-filter jar in
 * {@code WEB-INF/lib}; only {@code web.xml} differs.
 */
public final class ConsentApp {

    /** How the application gets Staleguard. */
    public enum Registration {
        /**
         * Not at all: {@code <absolute-ordering/>} leaves the jar's web-fragment out; the jar only supplies the
         * exception class.
         */
        NONE,
        /** A {@code <filter>} in web.xml, configured with init-params. */
        WEB_XML,
        /** {@code ServletContext.addFilter} from a {@code ServletContextListener} ({@link StaleguardRegistrar}). */
        PROGRAMMATIC,
        /**
         * Nothing but the jar: its {@code META-INF/web-fragment.xml} registers the filter; {@code staleguard.*}
         * context-params configure it.
         */
        DROP_IN,
        /**
         * The application's own {@code @WebFilter} subclass of {@code StaleSessionFilter}, configured with
         * {@code @WebInitParam}s ({@link AnnotatedGuard}, deployed as {@link AnnotatedGuard#WAR} only); the drop-in
         * yields to it.
         */
        ANNOTATION,
        /** The jar with context-param {@code staleguard.drop-in=false}: the documented opt-out. */
        DROP_IN_SWITCHED_OFF
    }

    private ConsentApp() {
    }

    /** The provider, writing its interaction cookies on {@code <context>/interaction}. */
    public static WebArchive war(String name, Registration registration) {
        return war(name, registration, null);
    }

    /**
     * @param interactionCookieSubPath the Path, below the context path, the application writes its interaction cookies
     *        with (for example {@code /interaction/}), or null for {@code /interaction}
     */
    public static WebArchive war(String name, Registration registration, String interactionCookieSubPath) {
        String contextPath = "/" + name.substring(0, name.length() - ".war".length());
        WebArchive war = TestApps.war(name)
                .addClasses(Interactions.class, Interactions.Interaction.class, Interactions.Grant.class,
                        AuthorizeServlet.class, InteractionServlet.class, CallbackServlet.class,
                        SessionNotFoundPage.class)
                .setWebXML(new StringAsset(webXml(contextPath, registration, interactionCookieSubPath)));
        if (registration == Registration.PROGRAMMATIC) {
            war.addClasses(StaleguardRegistrar.class, StaleguardSettings.class);
        }
        if (registration == Registration.ANNOTATION) {
            if (!name.equals(AnnotatedGuard.WAR)) {
                throw new IllegalArgumentException("AnnotatedGuard's init-params name the context path of "
                        + AnnotatedGuard.WAR + ", not of " + name);
            }
            war.addClasses(AnnotatedGuard.class, StaleguardSettings.class);
        }
        return war;
    }

    /** The client's authorization request: where a sign-in starts, and where Staleguard should restart it (B7). */
    public static URI authorize(URL base, String state) {
        return URI.create(base + "authorize?client_id=" + Interactions.CLIENT_ID + "&state=" + state);
    }

    /** The context path of a deployment built by {@link #war}, from its URL. */
    public static String contextPath(URL base) {
        String path = base.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String webXml(String contextPath, Registration registration, String cookieSubPath) {
        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """);
        Map<String, String> config = StaleguardSettings.of(contextPath);
        switch (registration) {
            case NONE -> x.append("    <absolute-ordering/>\n");
            case ANNOTATION -> {
                // Nothing in web.xml: the container finds @WebFilter by scanning the application's classes.
            }
            case WEB_XML -> {
                x.append("    <filter>\n        <filter-name>staleguard</filter-name>\n")
                        .append("        <filter-class>io.staleguard.StaleSessionFilter</filter-class>\n")
                        .append("        <async-supported>true</async-supported>\n");
                config.forEach((k, v) -> x.append("        <init-param><param-name>").append(k)
                        .append("</param-name><param-value>").append(v).append("</param-value></init-param>\n"));
                x.append("    </filter>\n    <filter-mapping>\n        <filter-name>staleguard</filter-name>\n")
                        .append("        <url-pattern>/*</url-pattern>\n    </filter-mapping>\n");
            }
            case PROGRAMMATIC -> x.append("    <listener><listener-class>").append(StaleguardRegistrar.class.getName())
                    .append("</listener-class></listener>\n");
            case DROP_IN, DROP_IN_SWITCHED_OFF -> {
                config.forEach((k, v) -> contextParam(x, "staleguard." + k, v));
                if (registration == Registration.DROP_IN_SWITCHED_OFF) {
                    contextParam(x, "staleguard.drop-in", "false");
                }
            }
        }
        if (cookieSubPath != null) {
            contextParam(x, Interactions.COOKIE_PATH_PARAM, contextPath + cookieSubPath);
        }
        return x.append("""
                    <error-page>
                        <exception-type>io.staleguard.SessionNotFoundException</exception-type>
                        <location>/error/session-not-found</location>
                    </error-page>
                </web-app>
                """).toString();
    }

    private static void contextParam(StringBuilder x, String name, String value) {
        x.append("    <context-param><param-name>").append(name).append("</param-name><param-value>").append(value)
                .append("</param-value></context-param>\n");
    }
}
