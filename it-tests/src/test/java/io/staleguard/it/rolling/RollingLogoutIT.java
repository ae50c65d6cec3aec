package io.staleguard.it.rolling;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.staleguard.it.rolling.RollingApp.Store;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Incident 2 with the server's built-in H2 data source ({@code java:comp/DefaultDataSource}): slow API calls in flight while the user
 * signs out must not bring the session back ({@link LogoutRace}). The same flow against the unit race harness's foils,
 * deployed as the application's store, sees the revivals, which shows the flow can fail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("R2 R3: rolling sessions racing a logout (H2, the server's default data source)")
class RollingLogoutIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(name = "h2", testable = false)
    static WebArchive h2() {
        return RollingApp.war("rolling-h2.war", Store.H2);
    }

    @Deployment(name = "upsert", testable = false)
    static WebArchive upsertFoil() {
        return RollingApp.war("rolling-upsert-foil.war", Store.UPSERT_FOIL);
    }

    @Deployment(name = "read-then-write", testable = false)
    static WebArchive readThenWriteFoil() {
        return RollingApp.war("rolling-read-then-write-foil.war", Store.READ_THEN_WRITE_FOIL);
    }

    @Test
    @DisplayName("R2 R3 R5 R6 B2 E1: 10 slow calls and a logout, 20 rounds, JdbcSessionStore on the default data source → no row "
            + "left, no refreshed cookie for calls after the logout, the old cookie is signed out (401, expired), "
            + "exact headers, one LOGGED_OUT per logout")
    void noRevival(@ArquillianResource @OperateOnDeployment("h2") URL base) throws Exception {
        LogoutRace.assertGuarded(LogoutRace.run("H2 (default data source)", base, id -> rows(base, id), true), base);
    }

    @Test
    @DisplayName("R2 foil: the same flow on the upsert foil (the original bug) sees revived sessions")
    void upsertFoilRevives(@ArquillianResource @OperateOnDeployment("upsert") URL base) throws Exception {
        LogoutRace.assertRevivals(LogoutRace.run("H2 upsert foil", base, id -> rows(base, id), false));
    }

    @Test
    @DisplayName("R2 foil: the same flow on the read-then-write foil (the narrowed fix) sees revived sessions")
    void readThenWriteFoilRevives(@ArquillianResource @OperateOnDeployment("read-then-write") URL base)
            throws Exception {
        LogoutRace.assertRevivals(LogoutRace.run("H2 read-then-write foil", base, id -> rows(base, id), false));
    }

    /** The H2 table is only reachable inside the server: {@link RowsServlet} reads it. */
    private static int rows(URL base, String id) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "test/rows?id="
                + URLEncoder.encode(id, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("test/rows answered " + r.statusCode() + ": " + r.body());
        }
        return Integer.parseInt(r.body().trim());
    }
}
