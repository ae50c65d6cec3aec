package io.staleguard.it.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.Map;

import io.staleguard.it.consent.ConsentApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.setup.SystemPropertyServerSetupTask;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * C3's precedence on WildFly, with the server's system property {@code staleguard.restart-url=/sys-login} (added
 * through the management API before these deployments, removed after them) and, in every deployment,
 * {@code microprofile-config.properties} saying {@code /mp-login}:
 * <ol>
 * <li>MicroProfile Config's own order decides between its sources: system properties (ordinal 400) above the
 * application's {@code microprofile-config.properties} (ordinal 100);</li>
 * <li>a {@code staleguard.restart-url} context-param is above MicroProfile Config;</li>
 * <li>the filter's {@code restart-url} init-param is above everything.</li>
 * </ol>
 * The context-param and init-param levels are {@link ConfigPrecedenceIT}'s tests, run here again with the system
 * property set. WildFly only (it lives in {@code src/test/wildfly}): the system property is set with WildFly's
 * {@code ServerSetupTask} through its management API, which the Payara profile does not have on its class path; on
 * Payara, {@link ConfigPrecedenceIT} runs the context-param and init-param levels against the file alone (a server
 * system property there would be the admin command {@code create-system-properties}, not wired into the suite).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(SystemPropertyConfigIT.RestartUrlProperty.class)
@DisplayName("C3: configuration precedence with a server system property (WildFly)")
class SystemPropertyConfigIT extends ConfigPrecedenceIT {

    private static final String SYSTEM_RESTART = "/sys-login";
    private static final String FILE_ONLY = "cdi-sys.war";

    /** {@code /system-property=staleguard.restart-url:add(value=/sys-login)}, and {@code :remove} afterwards. */
    public static class RestartUrlProperty extends SystemPropertyServerSetupTask {
        public RestartUrlProperty() {
            super(Map.of("staleguard.restart-url", SYSTEM_RESTART));
        }
    }

    @Deployment(name = FILE_ONLY, testable = false)
    static WebArchive fileOnly() {
        return ConfigApp.war(FILE_ONLY, null);
    }

    @Test
    @DisplayName("C3, system property (MicroProfile Config ordinal 400) over microprofile-config.properties "
            + "(ordinal 100): /sys-login")
    void systemPropertyBeatsTheFile(@ArquillianResource @OperateOnDeployment(FILE_ONLY) URL base) throws Exception {
        assertEquals(ConsentApp.contextPath(base) + SYSTEM_RESTART, ConfigApp.restartTarget(base));
    }
}
