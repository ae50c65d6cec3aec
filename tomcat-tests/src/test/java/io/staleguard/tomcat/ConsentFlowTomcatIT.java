package io.staleguard.tomcat;

import java.net.URL;

import io.staleguard.it.consent.AnnotatedGuard;
import io.staleguard.it.consent.ConsentApp;
import io.staleguard.it.consent.ConsentApp.Registration;
import io.staleguard.it.consent.ConsentFlows;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Incident 1, stale cookie at the consent step, on a plain servlet container: the integration suite's provider
 * application ({@link ConsentApp}, the same archives WildFly and Payara deploy) in an embedded Tomcat with no CDI, put
 * through the same flows ({@link ConsentFlows}) with the same assertions: exact cookie expiries in the raw
 * {@code Set-Cookie} headers, the 303 to the captured {@code /authorize}, one event, a fresh sign-in that completes.
 * Re-provisioning replaces the Tomcat context (sessions, interactions and the provider's cookie key are gone).
 */
@DisplayName("Incident 1 on Tomcat without CDI: stale cookie at the consent step")
class ConsentFlowTomcatIT {

    private static final String PLAIN = "consent-plain.war";
    private static final String WEB_XML = "consent-webxml.war";
    private static final String PROGRAMMATIC = "consent-programmatic.war";
    private static final String DROP_IN = "consent-dropin.war";
    private static final String SWITCHED_OFF = "consent-switched-off.war";

    @BeforeAll
    static void start() throws Exception {
        TomcatServer.start();
    }

    private static URL deploy(String war, Registration registration) {
        return TomcatServer.deploy(app(war, registration));
    }

    private static WebArchive app(String war, Registration registration) {
        return ConsentApp.war(war, registration).addClass(ClassProbeServlet.class);
    }

    @Test
    @DisplayName("Without Staleguard (documents the bug): re-provisioned provider → \"Allow access\" is a 400 "
            + "\"session not found\", and stays one while the stale cookies stay")
    void withoutStaleguardTheConfirmIsADeadEnd() throws Exception {
        ConsentFlows.deadEnd(deploy(PLAIN, Registration.NONE), PLAIN, Registration.NONE);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, web.xml registration, no CDI: stale confirm → 303 to the original /authorize, "
            + "stale cookies expired exactly, fresh sign-in → 200 at the client")
    void webXmlRegistrationRecovers() throws Exception {
        URL base = deploy(WEB_XML, Registration.WEB_XML);
        NoCdi.assertNoCdi(base);
        ConsentFlows.recoversIntoAFreshSignIn(base, WEB_XML, Registration.WEB_XML);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, programmatic registration (addFilter in a ServletContextListener), no CDI: "
            + "same recovery, same fresh sign-in")
    void programmaticRegistrationRecovers() throws Exception {
        URL base = deploy(PROGRAMMATIC, Registration.PROGRAMMATIC);
        NoCdi.assertNoCdi(base);
        ConsentFlows.recoversIntoAFreshSignIn(base, PROGRAMMATIC, Registration.PROGRAMMATIC);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, drop-in registration (the jar's web-fragment.xml, found by Tomcat in "
            + "WEB-INF/lib), no CDI: same recovery, same fresh sign-in")
    void dropInRegistrationRecovers() throws Exception {
        URL base = deploy(DROP_IN, Registration.DROP_IN);
        NoCdi.assertNoCdi(base);
        ConsentFlows.recoversIntoAFreshSignIn(base, DROP_IN, Registration.DROP_IN);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, annotation registration (@WebFilter subclass of StaleSessionFilter with "
            + "@WebInitParams, found by Tomcat's scan), no CDI: its configuration is used, the drop-in yields (SG0005)")
    void annotatedSubclassRecovers() throws Exception {
        URL base = deploy(AnnotatedGuard.WAR, Registration.ANNOTATION);
        NoCdi.assertNoCdi(base);
        ConsentFlows.annotatedSubclassRecovers(base);
    }

    @Test
    @DisplayName("Drop-in opt-out: with context-param staleguard.drop-in=false the jar stays inert and the dead end "
            + "is back")
    void dropInSwitchedOffLeavesTheApplicationAlone() throws Exception {
        ConsentFlows.deadEnd(deploy(SWITCHED_OFF, Registration.DROP_IN_SWITCHED_OFF), SWITCHED_OFF,
                Registration.DROP_IN_SWITCHED_OFF);
    }
}
