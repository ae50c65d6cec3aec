package io.staleguard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.staleguard.cluster.support.WildFlyNode;
import io.staleguard.it.rolling.PostgresSessions;
import io.staleguard.it.rolling.RollingApp;
import io.staleguard.it.support.AppEvents;
import io.staleguard.it.support.Browser;
import io.staleguard.it.support.Readiness;
import io.staleguard.it.support.SetCookie;
import io.staleguard.it.support.StaleguardJar;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.testing.RealStores;
import io.staleguard.testing.TcpProxy;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The readiness check {@value Readiness#CHECK_NAME} where users run it: one WildFly 39 node on
 * {@code standalone-microprofile.xml} (port offset {@code staleguard.cluster.offset-r}), the incident 2 application
 * with staleguard-filter.jar and staleguard-cdi.jar in {@code WEB-INF/lib} as built, on a PostgreSQL data source of
 * the server ({@code store=jdbc:}) that reaches the database through a {@link TcpProxy} the test cuts and heals. What a load balancer
 * or an orchestrator reads is {@code GET /health/ready} on the management port: its status code and the check's entry.
 */
@DisplayName("Readiness on WildFly 39 (standalone-microprofile.xml): staleguard-store on /health/ready")
class StoreReadinessIT {

    /** The session table's schema: only this class's (the database is shared with other test runs). */
    @RegisterExtension
    static final PostgresSessions POSTGRES = new PostgresSessions("wt_cluster_ready_sessions");

    static final String APP = "ready";
    static final String JNDI = "java:jboss/datasources/StaleguardReadyDS";

    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TcpProxy link;
    private static WildFlyNode node;

    @BeforeAll
    static void start() throws Exception {
        link = new TcpProxy(RealStores.POSTGRES.host(), RealStores.POSTGRES.port());
        node = WildFlyNode.create("r", Integer.getInteger("staleguard.cluster.offset-r", 5200), TwoNodes.DIR)
                .config("standalone-microprofile.xml");
        node.deploy(postgresDriver()).deploy("staleguard-ready-ds.xml", dataSource(link.port())).deploy(war());
        node.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
        if (link != null) {
            link.close();
        }
    }

    /** The store-mode application on {@value #JNDI}, with staleguard-cdi.jar. */
    private static WebArchive war() {
        return RollingApp.war(APP + ".war", RollingApp.Store.APPLICATION, "", Map.of("staleguard.store", "jdbc:" + JNDI))
                .addAsLibrary(StaleguardJar.cdi());
    }

    /**
     * A data source as operators define them on WildFly, with the driver deployed beside it, reaching PostgreSQL
     * through {@code port}. With validation: a pool without it (a web.xml {@code <data-source>}, which WildFly gives none)
     * keeps handing out the connections the cut broke, and the store stays unavailable after the network is back.
     */
    private static String dataSource(int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <datasources xmlns="http://www.jboss.org/ironjacamar/schema">
                    <datasource jndi-name="%s" pool-name="StaleguardReadyDS">
                        <connection-url>jdbc:postgresql://127.0.0.1:%d/test?currentSchema=%s</connection-url>
                        <driver>postgresql.jar</driver>
                        <pool>
                            <max-pool-size>20</max-pool-size>
                        </pool>
                        <security>
                            <user-name>postgres</user-name>
                            <password>trust</password>
                        </security>
                        <validation>
                            <valid-connection-checker class-name="org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker"/>
                            <validate-on-match>true</validate-on-match>
                            <exception-sorter class-name="org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLExceptionSorter"/>
                        </validation>
                    </datasource>
                </datasources>
                """.formatted(JNDI, port, POSTGRES.schema());
    }

    /** The PostgreSQL JDBC driver the tests run with, deployed on its own as {@code postgresql.jar}. */
    private static JavaArchive postgresDriver() {
        URL location = org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            return ShrinkWrap.create(ZipImporter.class, "postgresql.jar").importFrom(new File(location.toURI()))
                    .as(JavaArchive.class);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(location.toString(), e);
        }
    }

    @Test
    @DisplayName("N3 T1 R4: UP with the JdbcSessionStore while PostgreSQL answers; DOWN (503, error = the exception's "
            + "class) while the link to it is cut, when the node's requests go unguarded and sign-ins get 503; UP "
            + "again once it is back, the session unchanged and rolled again, no session ended")
    void downExactlyWhileTheStoreIsUnreachable() throws Exception {
        URL app = node.url(APP);
        // WildFly starts the filters with the first request: until then they have made no store.
        Readiness beforeFirstRequest = ready();
        assertEquals(200, beforeFirstRequest.httpStatus(), beforeFirstRequest::body);
        assertEquals("UP", beforeFirstRequest.check(), beforeFirstRequest::body);
        assertEquals("none", beforeFirstRequest.data("store"), beforeFirstRequest::body);

        Browser user = new Browser();
        assertEquals(200, user.fetch("POST", at(app, "login"), Browser.form()).statusCode());
        String id = user.cookie("SID");
        assertEquals(1, POSTGRES.rowsOf(id));
        HttpResponse<String> guarded = user.fetch("GET", at(app, "account/me"), null);
        assertEquals(200, guarded.statusCode(), user.history()::toString);
        assertTrue(refreshes(guarded), () -> "rolled: " + guarded.headers().map());
        Readiness up = ready();
        assertEquals(200, up.httpStatus(), up::body);
        assertEquals("UP", up.overall(), up::body);
        assertEquals("UP", up.check(), up::body);
        assertEquals(1, up.checks().stream().filter(Readiness.CHECK_NAME::equals).count(), up::body);
        assertEquals(JdbcSessionStore.class.getName(), up.data("store"), up::body);

        link.drop();
        Readiness down = ready();
        assertEquals(503, down.httpStatus(), down::body);
        assertEquals("DOWN", down.overall(), down::body);
        assertEquals("DOWN", down.check(), down::body);
        assertTrue(StoreUnavailableException.class.isAssignableFrom(Class.forName(down.data("error"))), down::body);
        // What the node would do with the traffic a balancer still sends it: requests go on unguarded (R4: no
        // rolling, no detection), sign-ins fail (T1: 503, retry later).
        HttpResponse<String> unguarded = user.fetch("GET", at(app, "account/me"), null);
        assertEquals(200, unguarded.statusCode(), unguarded::body);
        assertTrue(SetCookie.all(unguarded).stream().noneMatch(c -> c.name().equals("SID")),
                () -> "not rolled: " + unguarded.headers().map());
        HttpResponse<String> signIn = new Browser().fetch("POST", at(app, "login"), Browser.form());
        assertEquals(503, signIn.statusCode(), signIn::body);
        assertEquals(id, user.cookie("SID"), "the cookie is kept (T1)");

        link.heal();
        int probes = 0;
        Readiness back = ready();
        while (back.httpStatus() != 200 && probes < 600) {
            probes++;
            Thread.sleep(100);
            back = ready();
        }
        System.out.printf(Locale.ROOT, "readiness: before the first request %s (store %s); store up: %d %s; link cut: %d "
                + "%s (error %s), rolling request %d unrolled, sign-in %d; healed: %d more probe(s) before %d %s%n",
                beforeFirstRequest.check(), beforeFirstRequest.data("store"), up.httpStatus(), up.check(),
                down.httpStatus(), down.check(), down.data("error"), unguarded.statusCode(), signIn.statusCode(), probes,
                back.httpStatus(), back.check());
        assertEquals(200, back.httpStatus(), back::body);
        assertEquals("UP", back.check(), back::body);
        HttpResponse<String> rolledAgain = user.fetch("GET", at(app, "account/me"), null);
        assertEquals(200, rolledAgain.statusCode(), user.history()::toString);
        assertTrue(refreshes(rolledAgain), () -> "rolled: " + rolledAgain.headers().map());
        assertEquals(id, user.cookie("SID"));
        assertEquals(1, POSTGRES.rowsOf(id));
        assertEquals(List.of(), AppEvents.of(app), "no session ended");
    }

    private static boolean refreshes(HttpResponse<?> response) {
        return SetCookie.all(response).stream().anyMatch(c -> c.name().equals("SID") && !c.deletes());
    }

    /** {@code GET /health/ready} on the management port, as a probe reads it. */
    private static Readiness ready() throws IOException, InterruptedException {
        return Readiness.of(URI.create("http://127.0.0.1:" + node.managementPort() + "/health/ready"));
    }

    private static URI at(URL base, String path) {
        return URI.create(base + path);
    }
}
