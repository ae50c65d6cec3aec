package io.staleguard.it.container;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hardening item 17 on the managed server ({@link ContainerRefusals}). On WildFly both used to end in 500 before any
 * filter ran; the filter jar's Undertow extension ({@code io.staleguard.internal.undertow}) now heals them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("Hardening 17: requests the container refused before any filter ran")
class ContainerRefusalIT {

    private static final String WAR = "container-refusal.war";

    @Deployment(testable = false)
    static WebArchive app() {
        return ContainerRefusals.app(WAR);
    }

    @Test
    @DisplayName("Hardening 17 (a): a cookie whose value holds raw UTF-8 bytes (another application's, same domain) → "
            + "200 and the session still read, never 500 (WildFly: UT000173)")
    void item17RawNonAsciiCookieIsNever500(@ArquillianResource URL base) throws Exception {
        ContainerRefusals.rawNonAsciiCookie(base);
    }

    @Test
    @DisplayName("Hardening 17 (b): 300 rounds of 12 parallel calls sharing a session, one of which invalidates it → "
            + "no 500 (WildFly: UT000010 Session is invalid)")
    void item17InvalidatedSessionIsNever500(@ArquillianResource URL base) throws Exception {
        ContainerRefusals.invalidationRace(base);
    }
}
