package io.staleguard.it.cdi.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.staleguard.it.cdi.CdiApp;
import io.staleguard.it.support.ServerLog;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * C2 on WildFly: an {@code @Interaction(restart = …)} that could send users to another site is a definition error,
 * so the application does not deploy at all, with a message naming where the value is written.
 * <p>
 * {@code @ShouldThrowException} makes Arquillian fail the test if the deployment succeeds; it checks only the type, so
 * the deployment is made by the test (not before it) and the message is read from the server log written meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C2: a bad @Interaction(restart) fails the deployment (WildFly)")
class BadRestartIT {

    private static final String WAR = "cdi-bad-restart.war";

    @ArquillianResource
    private Deployer deployer;

    /**
     * Deployed by the test, which expects the failure itself: {@code @ShouldThrowException} would depend on the
     * adapter's exception transformer (Payara's hands Arquillian its own client exception, not the
     * {@code DeploymentException}).
     */
    @Deployment(name = WAR, managed = false, testable = false)
    static WebArchive app() {
        return CdiApp.withStaleguard(CdiApp.core(WAR), true).addClasses(EvilConsent.class, EvilReview.class);
    }

    @Test
    @DisplayName("C2, restart=\"//evil.example\" on a method and \"https://evil.example/login\" on a class: "
            + "DeploymentException, each named (class, method, value) with the rule and a good example")
    void offSiteRestartTargetsFailTheDeployment() throws Exception {
        ServerLog log = ServerLog.mark();

        assertThrows(Exception.class, () -> deployer.deploy(WAR), WAR + " deployed although its restart targets are "
                + "off-site");

        String logged = log.since();
        List<String> method = log.recordsWith("SG0205 Staleguard: @Interaction(restart = \"//evil.example\") on method "
                + EvilConsent.class.getName() + ".confirm(String) is not a valid restart target");
        assertTrue(!method.isEmpty(), logged);
        assertTrue(method.get(0).contains("For example: @Interaction(restart = \"/authorize\")"), method.get(0));
        List<String> type = log.recordsWith("SG0205 Staleguard: @Interaction(restart = \"https://evil.example/login\") "
                + "on class "
                + EvilReview.class.getName() + " is not a valid restart target");
        assertTrue(!type.isEmpty(), logged);
        assertEquals(List.of(), log.recordsWith("Deployed \"" + WAR + "\""));
    }
}
