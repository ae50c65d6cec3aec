package io.staleguard.tomcat;

import java.net.URL;

import io.staleguard.it.container.ContainerRefusals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hardening item 17's input on Tomcat, the same checks as on WildFly ({@link ContainerRefusals}): what Tomcat does
 * with a raw non-ASCII cookie byte (its RFC 6265 parser skips that one cookie and keeps the others) and with a session
 * invalidated by a parallel request (the session is simply not found). The filter jar's Undertow extension is inert
 * here: Tomcat never reads {@code META-INF/services/io.undertow.servlet.ServletExtension}.
 */
@DisplayName("Hardening 17 on Tomcat: the same container-level inputs, no 500")
class ContainerRefusalTomcatIT {

    private static URL base;

    @BeforeAll
    static void start() throws Exception {
        TomcatServer.start();
        base = TomcatServer.deploy(ContainerRefusals.app("container-refusal.war"));
    }

    @Test
    @DisplayName("Hardening 17 (a) on Tomcat: a cookie holding raw UTF-8 bytes → 200, the session still read")
    void item17RawNonAsciiCookieIsNever500() throws Exception {
        ContainerRefusals.rawNonAsciiCookie(base);
    }

    @Test
    @DisplayName("Hardening 17 (b) on Tomcat: 300 rounds of 12 parallel calls, one invalidating the shared session → "
            + "no 500")
    void item17InvalidatedSessionIsNever500() throws Exception {
        ContainerRefusals.invalidationRace(base);
    }
}
