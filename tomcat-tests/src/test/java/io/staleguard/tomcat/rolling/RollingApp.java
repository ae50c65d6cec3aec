package io.staleguard.tomcat.rolling;

import java.util.LinkedHashMap;
import java.util.Map;

import io.staleguard.it.consent.ConsentApp.Registration;
import io.staleguard.it.support.TestApps;
import io.staleguard.tomcat.ClassProbeServlet;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Incident 2's application: rolling sessions in a {@code SessionStore} ({@code SID} cookie on the context path), a
 * sign-in that creates the record, a data API that scripts call all the time, and a logout through
 * {@code Staleguard.logout}. Both filters are registered one of the ways users register them; the configuration is the
 * same {@code staleguard.*} context-params in every case.
 */
public final class RollingApp {

    static final String COOKIE = "SID";

    private RollingApp() {
    }

    /**
     * @param store {@code memory} ({@code staleguard.store=memory}), {@code h2:<JDBC URL>} or {@code upsert-foil}
     *        (set as the context attribute by {@link StoreSetup})
     */
    public static WebArchive war(String name, Registration registration, String store) {
        String contextPath = "/" + name.substring(0, name.length() - ".war".length());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("staleguard.rolling", "true");
        params.put("staleguard.session-cookie", COOKIE + ";path=" + contextPath);
        if (store.equals("memory")) {
            params.put("staleguard.store", "memory");
        }
        params.put(StoreSetup.PARAM, store);

        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """);
        params.forEach((k, v) -> x.append("    <context-param><param-name>").append(k)
                .append("</param-name><param-value>").append(v).append("</param-value></context-param>\n"));
        x.append("    <listener><listener-class>").append(StoreSetup.class.getName()).append("</listener-class></listener>\n");
        switch (registration) {
            case WEB_XML -> x.append("""
                        <filter>
                            <filter-name>staleguard</filter-name>
                            <filter-class>io.staleguard.StaleSessionFilter</filter-class>
                            <async-supported>true</async-supported>
                        </filter>
                        <filter>
                            <filter-name>rolling</filter-name>
                            <filter-class>io.staleguard.RollingSessionFilter</filter-class>
                            <async-supported>true</async-supported>
                        </filter>
                        <filter-mapping><filter-name>staleguard</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                        <filter-mapping><filter-name>rolling</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                    """);
            case PROGRAMMATIC -> x.append("    <listener><listener-class>").append(RollingRegistrar.class.getName())
                    .append("</listener-class></listener>\n");
            case DROP_IN -> {
                // the jar's web-fragment.xml registers both filters
            }
            default -> throw new IllegalArgumentException("not a way to register Staleguard: " + registration);
        }
        x.append("</web-app>\n");

        return TestApps.war(name)
                .addClasses(LoginServlet.class, DataServlet.class, LogoutServlet.class, StoreProbeServlet.class,
                        StoreSetup.class, UpsertFoilStore.class, RollingRegistrar.class, ClassProbeServlet.class)
                .setWebXML(new StringAsset(x.toString()));
    }
}
