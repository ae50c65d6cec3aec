package io.staleguard.it.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import io.staleguard.it.consent.ConsentApp;
import org.jboss.arquillian.container.test.api.Deployer;
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
 * C3 with WildFly's MicroProfile Config (SmallRye): {@code staleguard.<key>} in the application's
 * {@code microprofile-config.properties} configures Staleguard, and a bad value there fails the deployment like a bad
 * init-param does. {@link SystemPropertyConfigIT} has the rest of the precedence order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C3: Staleguard configured through MicroProfile Config (WildFly)")
class MicroProfileConfigIT {

    private static final String MP = "cdi-mp.war";
    private static final String BAD = "cdi-mp-bad.war";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = MP, testable = false)
    static WebArchive configured() {
        return ConfigApp.war(MP, null);
    }

    @Deployment(name = BAD, managed = false, testable = false)
    static WebArchive badlyConfigured() {
        return ConfigApp.war(BAD, "staleguard.retry-window=30s\n", null);
    }

    @Test
    @DisplayName("C3 B5, microprofile-config.properties staleguard.restart-url=/mp-login and nothing else: a stale "
            + "consent restarts at /mp-login")
    void microprofileConfigFileConfigures(@ArquillianResource @OperateOnDeployment(MP) URL base) throws Exception {
        assertEquals(ConsentApp.contextPath(base) + ConfigApp.MICROPROFILE_RESTART, ConfigApp.restartTarget(base));
    }

    @Test
    @DisplayName("C3, microprofile-config.properties staleguard.retry-window=30s: the deployment fails, naming the "
            + "property, the value and a good example")
    void badMicroprofileValueFailsTheDeployment() {
        Exception failure = assertThrows(Exception.class, () -> deployer.deploy(BAD),
                BAD + " deployed although staleguard.retry-window=30s");
        String messages = messages(failure);
        assertTrue(messages.contains("SG0200 Staleguard configuration: MicroProfile Config property "
                + "'staleguard.retry-window' is '30s'"), messages);
        assertTrue(messages.contains("For example: retry-window=PT30S"), messages);
    }

    private static String messages(Throwable t) {
        List<String> all = new ArrayList<>();
        for (Throwable c = t; c != null && all.size() < 20; c = c.getCause()) {
            all.add(String.valueOf(c.getMessage()));
        }
        return String.join("\n", all);
    }
}
