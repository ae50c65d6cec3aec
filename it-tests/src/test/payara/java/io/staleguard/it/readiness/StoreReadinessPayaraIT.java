package io.staleguard.it.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The readiness check {@value Readiness#CHECK_NAME} on Payara Server 6 as it comes (MicroProfile Health is on by
 * default, on the HTTP listener, without authentication): the incident 2 application with staleguard-filter.jar and
 * staleguard-cdi.jar
 * in {@code WEB-INF/lib} as built, on a PostgreSQL data source of its own ({@code web.xml}, {@code store=jdbc:}) that
 * reaches the database through a {@link TcpProxy} the test cuts and heals. What a load balancer or an orchestrator
 * reads is {@code GET /health/ready} on the port the application is served on: its status code and the check's entry.
 * WildFly's counterpart is the cluster suite's {@code StoreReadinessIT}; this one lives in the Payara profile's
 * sources, since it-tests' WildFly ({@code standalone.xml}) has no health subsystem.
 */
@RunAsClient
@DisplayName("Readiness on Payara Server 6: staleguard-store on /health/ready")
class StoreReadinessPayaraIT {

    static final String JNDI = "java:app/jdbc/staleguard_ready";

    /** The session table's schema, created before the deployment (its filters check the table as they start). */
    @RegisterExtension
    @Order(1)
    static final PostgresSessions POSTGRES = new PostgresSessions("wt_payara_ready_sessions");

    @RegisterExtension
    @Order(2)
    static final ArquillianExtension ARQUILLIAN = new ArquillianExtension();

    /** Between the application's data source and PostgreSQL; it exists before the deployment names its port. */
    private static final TcpProxy LINK = link();

    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TcpProxy link() {
        try {
            return new TcpProxy(RealStores.POSTGRES.host(), RealStores.POSTGRES.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void closeLink() throws IOException {
        LINK.close();
    }

    /** The store-mode application on {@value #JNDI}, with staleguard-cdi.jar and the PostgreSQL driver. */
    @Deployment(testable = false)
    static WebArchive app() {
        return RollingApp.war("ready.war", RollingApp.Store.APPLICATION, "", Map.of("staleguard.store", "jdbc:" + JNDI),
                        dataSource(LINK.port()))
                .addAsLibrary(StaleguardJar.cdi())
                .addAsLibrary(RollingApp.postgresDriver());
    }

    /**
     * The portable definition ({@code web.xml} {@code <data-source>}), driver in {@code WEB-INF/lib}, with Payara's
     * pool properties for validation: every connection is checked before it is handed out
     * ({@code PostgresConnectionValidation}) and one that fails the check closes the pool's others
     * ({@code fail-all-connections}). Without these four
     * properties the same test saw the check stay DOWN for 600 probes (over a minute) after the link was back
     * ({@code error: StoreUnavailableException}): the pool kept handing out the connections the cut had broken.
     */
    private static String dataSource(int port) {
        return """
                    <data-source>
                        <name>%s</name>
                        <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                        <url>jdbc:postgresql://127.0.0.1:%d/test?currentSchema=%s</url>
                        <user>postgres</user>
                        <password>trust</password>
                        <property><name>fish.payara.is-connection-validation-required</name><value>true</value></property>
                        <property><name>fish.payara.connection-validation-method</name><value>custom-validation</value></property>
                        <property><name>fish.payara.validation-classname</name><value>org.glassfish.api.jdbc.validation.PostgresConnectionValidation</value></property>
                        <property><name>fish.payara.fail-all-connections</name><value>true</value></property>
                        <max-pool-size>20</max-pool-size>
                    </data-source>
                """.formatted(JNDI, port, POSTGRES.schema());
    }

    @Test
    @DisplayName("N3 T1 R4: UP with the JdbcSessionStore while PostgreSQL answers; DOWN (503, error = the exception's "
            + "class) while the link to it is cut, when the application's requests go unguarded and sign-ins get 503; "
            + "UP again once it is back, the session unchanged and rolled again, no session ended")
    void downExactlyWhileTheStoreIsUnreachable(@ArquillianResource URL app) throws Exception {
        URI health = URI.create("http://" + app.getHost() + ":" + app.getPort() + "/health/ready");
        // Payara starts the filters with the application: the store is there before any request.
        Readiness beforeFirstRequest = ready(health);
        assertEquals(200, beforeFirstRequest.httpStatus(), beforeFirstRequest::body);
        assertEquals("UP", beforeFirstRequest.check(), beforeFirstRequest::body);
        assertEquals(JdbcSessionStore.class.getName(), beforeFirstRequest.data("store"), beforeFirstRequest::body);

        Browser user = new Browser();
        assertEquals(200, user.fetch("POST", at(app, "login"), Browser.form()).statusCode());
        String id = user.cookie("SID");
        assertEquals(1, POSTGRES.rowsOf(id));
        HttpResponse<String> guarded = user.fetch("GET", at(app, "account/me"), null);
        assertEquals(200, guarded.statusCode(), user.history()::toString);
        assertTrue(refreshes(guarded), () -> "rolled: " + guarded.headers().map());
        Readiness up = ready(health);
        assertEquals(200, up.httpStatus(), up::body);
        assertEquals("UP", up.overall(), up::body);
        assertEquals(List.of(Readiness.CHECK_NAME), up.checks(), up::body);
        assertEquals("UP", up.check(), up::body);
        assertEquals(JdbcSessionStore.class.getName(), up.data("store"), up::body);

        LINK.drop();
        Readiness down = ready(health);
        assertEquals(503, down.httpStatus(), down::body);
        assertEquals("DOWN", down.overall(), down::body);
        assertEquals("DOWN", down.check(), down::body);
        assertTrue(StoreUnavailableException.class.isAssignableFrom(Class.forName(down.data("error"))), down::body);
        // What the application does with the traffic a balancer still sends it: requests go on unguarded (R4: no
        // rolling, no detection), sign-ins fail (T1: 503, retry later).
        HttpResponse<String> unguarded = user.fetch("GET", at(app, "account/me"), null);
        assertEquals(200, unguarded.statusCode(), unguarded::body);
        assertTrue(SetCookie.all(unguarded).stream().noneMatch(c -> c.name().equals("SID")),
                () -> "not rolled: " + unguarded.headers().map());
        HttpResponse<String> signIn = new Browser().fetch("POST", at(app, "login"), Browser.form());
        assertEquals(503, signIn.statusCode(), signIn::body);
        assertEquals(id, user.cookie("SID"), "the cookie is kept (T1)");

        LINK.heal();
        int probes = 0;
        Readiness back = ready(health);
        while (back.httpStatus() != 200 && probes < 600) {
            probes++;
            Thread.sleep(100);
            back = ready(health);
        }
        System.out.printf(Locale.ROOT, "readiness on Payara: before the first request %d %s (store %s); store up: %d %s; "
                + "link cut: %d %s (error %s), rolling request %d unrolled, sign-in %d; healed: %d more probe(s) before "
                + "%d %s%n", beforeFirstRequest.httpStatus(), beforeFirstRequest.check(), beforeFirstRequest.data("store"),
                up.httpStatus(), up.check(), down.httpStatus(), down.check(), down.data("error"), unguarded.statusCode(),
                signIn.statusCode(), probes, back.httpStatus(), back.check());
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

    private static Readiness ready(URI health) throws IOException, InterruptedException {
        return Readiness.of(health);
    }

    private static URI at(URL base, String path) {
        return URI.create(base + path);
    }
}
