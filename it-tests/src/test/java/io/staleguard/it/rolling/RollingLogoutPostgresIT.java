package io.staleguard.it.rolling;

import java.net.URL;

import io.staleguard.it.rolling.RollingApp.Store;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Incident 2 with PostgreSQL: the application brings its data source (web.xml {@code <data-source>}) and
 * the driver ({@code WEB-INF/lib}), Staleguard uses it through {@code store=jdbc:<JNDI name>}, and the test reads the
 * table directly. {@link PostgresSessions} comes first: without PostgreSQL the class fails on CI and is skipped
 * elsewhere, before anything is deployed.
 */
@ExtendWith(PostgresSessions.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("R2 R3: rolling sessions racing a logout (PostgreSQL)")
class RollingLogoutPostgresIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return RollingApp.war("rolling-postgres.war", Store.POSTGRES);
    }

    @Test
    @DisplayName("R2 R3 R5 R6 B2 E1 S2: 10 slow calls and a logout, 20 rounds, JdbcSessionStore on PostgreSQL → no row "
            + "left, no refreshed cookie for calls after the logout, the old cookie is signed out (401, expired), "
            + "exact headers, one LOGGED_OUT per logout")
    void noRevival(@ArquillianResource URL base) throws Exception {
        LogoutRace.assertGuarded(LogoutRace.run("PostgreSQL", base, PostgresSessions::rows, true), base);
    }
}
