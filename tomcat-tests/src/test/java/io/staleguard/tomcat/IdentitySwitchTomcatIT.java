package io.staleguard.tomcat;

import java.net.URL;

import io.staleguard.it.sso.IdentitySwitches;
import io.staleguard.it.sso.SsoApp;
import io.staleguard.it.sso.SsoApp.Variant;
import io.staleguard.testing.TestJndi;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Incident 3, identity switch behind an SSO proxy, on a plain servlet container: the integration suite's wiki
 * ({@link SsoApp}, Staleguard registered in web.xml) in an embedded Tomcat with no CDI, put through the same flows
 * ({@link IdentitySwitches}) with the same assertions. Its user table lives in {@code java:comp/DefaultDataSource}, which
 * a plain Tomcat does not have: the test binds an in-memory H2 database there ({@link TestJndi}), as WildFly and Payara
 * bind theirs.
 */
@DisplayName("Incident 3 on Tomcat without CDI: identity switch behind an SSO proxy")
class IdentitySwitchTomcatIT {

    private static URL base;

    @BeforeAll
    static void deploy() throws Exception {
        TomcatServer.start();
        JdbcDataSource users = new JdbcDataSource();
        users.setURL("jdbc:h2:mem:tomcat_sso_users;DB_CLOSE_DELAY=-1");
        TestJndi.BINDINGS.put("java:comp/DefaultDataSource", users);
        TestJndi.install();
        base = TomcatServer.deploy(SsoApp.war("sso.war", Variant.STALEGUARD).addClass(ClassProbeServlet.class));
        NoCdi.assertNoCdi(base);
    }

    @AfterAll
    static void unbind() {
        TomcatServer.undeploy("sso.war");
        TestJndi.uninstall();
    }

    @Test
    @DisplayName("I1 B3 B4 E1 E2: the proxy now vouches for B → 303 to the same URL, A's session ended "
            + "(IDENTITY_CHANGED), A's cookie expired; the application then serves B")
    void pageLoadRestartsAsTheNewUser() throws Exception {
        IdentitySwitches.pageLoadRestartsAsTheNewUser(base);
    }

    @Test
    @DisplayName("I1 B4: an API call after the switch → 401 problem+json, reason IDENTITY_CHANGED, Session-Restart; "
            + "following Session-Restart signs B in")
    void apiCallGetsAProblemWithSessionRestart() throws Exception {
        IdentitySwitches.apiCallGetsAProblemWithSessionRestart(base);
    }
}
