package io.staleguard.cluster.sso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.staleguard.SessionEndedListener;
import io.staleguard.it.rolling.RollingApp;
import io.staleguard.it.support.EventLog;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * An application behind an SSO proxy on several nodes without stickiness: the incident 2 application's PostgreSQL store
 * ({@link RollingApp}), the proxy's {@value SsoLoginServlet#HEADER} header as {@code identity-header} believed from
 * nginx on loopback, and the signed-in user kept in the shared database ({@link SharedSessions}) and copied into each
 * node's {@code HttpSession} attribute {@value SharedSessions#USER_ATTRIBUTE} ({@code identity-attribute}) by
 * {@link SharedUserFilter}, declared in web.xml ahead of Staleguard's drop-in filters.
 */
public final class SsoApp {

    /** The header the proxy names the user in. */
    public static final String HEADER = SsoLoginServlet.HEADER;
    /** The response header naming the node that served a call. */
    public static final String NODE = WhoAmIServlet.NODE;
    /** The application's table, created by the test in the store's schema. */
    public static final String DDL = SharedSessions.DDL;
    public static final String TABLE = SharedSessions.TABLE;

    private SsoApp() {
    }

    /**
     * @param everyNodeAnnounces the foil: a store that cannot tell which caller removed a record ({@link NodeSetup})
     * @param extra more context-params, such as those of a listener the caller adds that publishes another store (the
     *        context attribute comes before the {@code store} key, S3); the shared table stays in PostgreSQL
     */
    public static WebArchive war(String name, String schema, boolean everyNodeAnnounces, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>(Map.of(
                "staleguard.identity-header", HEADER,
                "staleguard.identity-attribute", SharedSessions.USER_ATTRIBUTE,
                "staleguard.trusted-proxies", "127.0.0.1/32",
                NodeSetup.EVERY_NODE_ANNOUNCES, String.valueOf(everyNodeAnnounces)));
        params.putAll(extra);
        WebArchive war = RollingApp.war(name, RollingApp.Store.POSTGRES, schema, params)
                .addClasses(SharedSessions.class, SharedUserFilter.class, SsoLoginServlet.class, WhoAmIServlet.class,
                        ForgetEndedSessions.class, NodeSetup.class)
                .addAsServiceProvider(SessionEndedListener.class, EventLog.class, ForgetEndedSessions.class);
        String webXml;
        try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
            webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // web.xml's filter mappings come before every web fragment's in the chain.
        String filter = """
                    <filter>
                        <filter-name>shared-user</filter-name>
                        <filter-class>%s</filter-class>
                        <async-supported>true</async-supported>
                    </filter>
                    <filter-mapping>
                        <filter-name>shared-user</filter-name>
                        <url-pattern>/*</url-pattern>
                    </filter-mapping>
                </web-app>
                """.formatted(SharedUserFilter.class.getName());
        return war.setWebXML(new StringAsset(webXml.replace("</web-app>\n", filter)));
    }
}
