package io.staleguard.it.consent;

import java.net.URL;

import io.staleguard.it.consent.ConsentApp.Registration;
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
 * Incident 1, stale cookie at the consent step, on a real server: a user signs in at an OpenID-provider-like
 * application and reaches "Allow access?"; the provider is re-provisioned (its sessions, interactions and cookie key
 * are gone); the user clicks "Allow access". Without Staleguard that is a 400 dead end; with it, registered any of the
 * three ways, the stale cookies are expired and the user is walked back into a fresh sign-in that completes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("Incident 1: stale cookie at the consent step")
class ConsentFlowIT {

    private static final String PLAIN = "consent-plain.war";
    private static final String WEB_XML = "consent-webxml.war";
    private static final String PROGRAMMATIC = "consent-programmatic.war";
    private static final String DROP_IN = "consent-dropin.war";
    private static final String SWITCHED_OFF = "consent-switched-off.war";
    private static final String ANNOTATION = AnnotatedGuard.WAR;

    @Deployment(name = PLAIN, testable = false)
    static WebArchive plain() {
        return ConsentApp.war(PLAIN, Registration.NONE);
    }

    @Deployment(name = WEB_XML, testable = false)
    static WebArchive webXml() {
        return ConsentApp.war(WEB_XML, Registration.WEB_XML);
    }

    @Deployment(name = PROGRAMMATIC, testable = false)
    static WebArchive programmatic() {
        return ConsentApp.war(PROGRAMMATIC, Registration.PROGRAMMATIC);
    }

    @Deployment(name = DROP_IN, testable = false)
    static WebArchive dropIn() {
        return ConsentApp.war(DROP_IN, Registration.DROP_IN);
    }

    @Deployment(name = ANNOTATION, testable = false)
    static WebArchive annotation() {
        return ConsentApp.war(ANNOTATION, Registration.ANNOTATION);
    }

    @Deployment(name = SWITCHED_OFF, testable = false)
    static WebArchive switchedOff() {
        return ConsentApp.war(SWITCHED_OFF, Registration.DROP_IN_SWITCHED_OFF);
    }

    @Test
    @DisplayName("Without Staleguard (documents the bug): re-provisioned provider → \"Allow access\" is a 400 "
            + "\"session not found\", and stays one while the stale cookies stay")
    void withoutStaleguardTheConfirmIsADeadEnd(@ArquillianResource @OperateOnDeployment(PLAIN) URL base)
            throws Exception {
        ConsentFlows.deadEnd(base, PLAIN, Registration.NONE);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, web.xml registration: stale confirm → 303 to the original /authorize, stale "
            + "cookies gone (sub-path one too), fresh sign-in → 200 at the client, no 4xx/5xx on the way")
    void webXmlRegistrationRecovers(@ArquillianResource @OperateOnDeployment(WEB_XML) URL base) throws Exception {
        ConsentFlows.recoversIntoAFreshSignIn(base, WEB_XML, Registration.WEB_XML);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, programmatic registration (addFilter in a ServletContextListener): same "
            + "recovery, same fresh sign-in")
    void programmaticRegistrationRecovers(@ArquillianResource @OperateOnDeployment(PROGRAMMATIC) URL base)
            throws Exception {
        ConsentFlows.recoversIntoAFreshSignIn(base, PROGRAMMATIC, Registration.PROGRAMMATIC);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, drop-in registration (only the jar's web-fragment.xml): same recovery, "
            + "same fresh sign-in")
    void dropInRegistrationRecovers(@ArquillianResource @OperateOnDeployment(DROP_IN) URL base) throws Exception {
        ConsentFlows.recoversIntoAFreshSignIn(base, DROP_IN, Registration.DROP_IN);
    }

    @Test
    @DisplayName("B1 B3 B4 B5 B7 E1 E2, annotation registration (@WebFilter subclass of StaleSessionFilter with "
            + "@WebInitParams): its configuration is used, the drop-in yields (SG0005), same recovery and sign-in")
    void annotatedSubclassRecovers(@ArquillianResource @OperateOnDeployment(ANNOTATION) URL base) throws Exception {
        ConsentFlows.annotatedSubclassRecovers(base);
    }

    @Test
    @DisplayName("Drop-in opt-out: with context-param staleguard.drop-in=false the jar stays inert (no restart "
            + "cookie, no recovery) and incident 1's dead end is back")
    void dropInSwitchedOffLeavesTheApplicationAlone(@ArquillianResource @OperateOnDeployment(SWITCHED_OFF) URL base)
            throws Exception {
        ConsentFlows.deadEnd(base, SWITCHED_OFF, Registration.DROP_IN_SWITCHED_OFF);
    }
}
