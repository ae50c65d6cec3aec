package io.staleguard.it.rolling;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.staleguard.it.support.TestApps;
import io.staleguard.race.Foils;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the incident 2 application: a store-backed session cookie ({@code SID}), sign-in, slow API calls, logout with
 * {@code Staleguard.logout}, and an account page on {@code interaction-paths}. Staleguard comes from the drop-in jar,
 * configured with {@code staleguard.*} context-params; only the session store differs between variants.
 */
public final class RollingApp {

    /** Where the sessions live. */
    public enum Store {
        /** {@code store=jdbc:java:comp/DefaultDataSource}: the server's built-in H2 (WildFly's ExampleDS, Payara's
         * jdbc/__default). */
        H2,
        /**
         * {@code store=jdbc:} a PostgreSQL data source that the application defines in web.xml
         * ({@code <data-source>}), with the driver in {@code WEB-INF/lib}: nothing is configured on the server.
         */
        POSTGRES,
        /** H2 through the unit harness's upsert foil: the original bug. */
        UPSERT_FOIL,
        /** H2 through the unit harness's read-then-write foil: the narrowed-but-open fix. */
        READ_THEN_WRITE_FOIL,
        /**
         * The {@link #POSTGRES} data source through the read-then-write foil: what several nodes sharing one database
         * need to show that a race test can see revivals.
         */
        POSTGRES_READ_THEN_WRITE_FOIL,
        /**
         * The application's own store, which a listener the caller adds publishes as the servlet context attribute
         * (S3), such as a {@code RedisSessionStore}: nothing store-related is added here.
         */
        APPLICATION
    }

    /** Session cookies never leave with a longer lifetime (R6); shorter than {@link #INACTIVITY} so it shows. */
    static final Duration MAX_COOKIE_AGE = Duration.ofMinutes(10);
    static final Duration INACTIVITY = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);

    /** The application-defined PostgreSQL data source. */
    static final String POSTGRES_JNDI = "java:app/jdbc/wt_rolling_it_sessions";

    /** Milliseconds between the read-then-write foil's read and its write (see {@link FoilStores}). */
    static final long FOIL_LATENCY_MILLIS = Long.getLong("staleguard.it.foil-latency-ms", 10);

    private RollingApp() {
    }

    public static WebArchive war(String name, Store store) {
        return war(name, store, PostgresSessions.SCHEMA, Map.of());
    }

    /**
     * @param schema the PostgreSQL schema of the session table (see {@link PostgresSessions}), for the PostgreSQL
     *        variants
     * @param extra more context-params, after (and over) the ones every variant has
     */
    public static WebArchive war(String name, Store store, String schema, Map<String, String> extra) {
        return war(name, store, schema, extra, "");
    }

    /**
     * @param webXml more {@code web.xml} elements, after the context-params and the variant's data source: a data source
     *        of the caller's, for {@link Store#APPLICATION} with {@code staleguard.store=jdbc:…} in {@code extra}
     */
    public static WebArchive war(String name, Store store, String schema, Map<String, String> extra, String webXml) {
        String contextPath = "/" + name.substring(0, name.length() - ".war".length());
        WebArchive war = TestApps.war(name)
                .addClasses(Arrivals.class, SessionCookie.class, LoginServlet.class, SlowServlet.class,
                        LogoutServlet.class, AccountServlet.class);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("staleguard.rolling", "true");
        params.put("staleguard.session-cookie", SessionCookie.NAME + ";path=" + contextPath);
        params.put("staleguard.interaction-paths", "/account/*");
        params.put("staleguard.inactivity", INACTIVITY.toString());
        params.put("staleguard.absolute", ABSOLUTE.toString());
        params.put("staleguard.max-cookie-age", MAX_COOKIE_AGE.toString());
        String dataSource = "";
        switch (store) {
            case H2 -> {
                war.addClasses(SessionTable.class, RowsServlet.class);
                params.put("staleguard.store", "jdbc:" + SessionTable.DEFAULT_DS);
            }
            case POSTGRES -> {
                war.addAsLibrary(postgresDriver());
                params.put("staleguard.store", "jdbc:" + POSTGRES_JNDI);
                dataSource = PostgresSessions.dataSourceXml(POSTGRES_JNDI, schema);
            }
            case POSTGRES_READ_THEN_WRITE_FOIL -> {
                war.addAsLibrary(postgresDriver()).addClasses(FoilStores.class, Foils.class);
                params.put(FoilStores.FOIL, "read-then-write");
                params.put(FoilStores.LATENCY, String.valueOf(FOIL_LATENCY_MILLIS));
                params.put(FoilStores.DATA_SOURCE, POSTGRES_JNDI);
                dataSource = PostgresSessions.dataSourceXml(POSTGRES_JNDI, schema);
            }
            case APPLICATION -> {
                // the caller's listener publishes the store
            }
            case UPSERT_FOIL, READ_THEN_WRITE_FOIL -> {
                // Foils and its nested classes only: Foils.jdbc, which needs the filter's test-only Database (and
                // HikariCP), is never called in the server, so neither is linked there.
                war.addClasses(SessionTable.class, RowsServlet.class, FoilStores.class, Foils.class);
                params.put(FoilStores.FOIL, store == Store.UPSERT_FOIL ? "upsert" : "read-then-write");
                params.put(FoilStores.LATENCY, String.valueOf(store == Store.UPSERT_FOIL ? 0 : FOIL_LATENCY_MILLIS));
            }
        }
        params.putAll(extra);
        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """);
        params.forEach((k, v) -> x.append("    <context-param><param-name>").append(k)
                .append("</param-name><param-value>").append(v).append("</param-value></context-param>\n"));
        x.append(dataSource).append(webXml).append("</web-app>\n");
        return war.setWebXML(new StringAsset(x.toString()));
    }

    /** The PostgreSQL JDBC driver jar the tests run with, deployed inside the application. */
    public static JavaArchive postgresDriver() {
        URL location = org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            return ShrinkWrap.create(ZipImporter.class, "postgresql.jar").importFrom(new File(location.toURI()))
                    .as(JavaArchive.class);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(location.toString(), e);
        }
    }
}
