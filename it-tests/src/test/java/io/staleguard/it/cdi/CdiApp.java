package io.staleguard.it.cdi;

import io.staleguard.it.support.StaleguardJar;
import io.staleguard.it.support.TestApps;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the CDI test provider: incident 1's consent step as CDI beans called from servlets, a JAX-RS resource and a
 * {@code @Transactional} bean. With Staleguard it is what users deploy: both jars in {@code WEB-INF/lib}, no
 * {@code web.xml}, no {@code beans.xml} (annotated discovery), nothing registered. Without Staleguard the classes are
 * the same; staleguard-cdi.jar is left out (the JVM ignores an annotation whose class is missing, so
 * {@code @Interaction} is simply not there) and {@code <absolute-ordering/>} leaves the filter jar's web-fragment out,
 * so that jar only supplies the exception classes.
 */
public final class CdiApp {

    private CdiApp() {
    }

    /** The whole provider; with or without Staleguard. */
    public static WebArchive war(String name, boolean staleguard) {
        WebArchive war = withStaleguard(core(name), staleguard)
                .addClasses(InteractionServlet.class, ConsentService.class, StepsServlet.class, ConsentLedger.class,
                        ConsentLedger.Endpoint.class, RestApplication.class, ConsentResource.class,
                        CatchAllMapper.class);
        if (!staleguard) {
            war.setWebXML(new StringAsset(webXml("    <absolute-ordering/>\n")));
        }
        return war;
    }

    /**
     * What every CDI test application has: the consent's start ({@code /authorize}), state and callback, the session
     * wipe, and both event records (the {@code SessionEndedListener} of {@link TestApps} and the CDI observer
     * {@link EndedSessions}). Without staleguard-cdi.jar: callers add it, or call {@link #war}.
     */
    public static WebArchive core(String name) {
        return TestApps.war(name)
                .addClasses(Consents.class, IssuedCodes.class, Pages.class, AuthorizeServlet.class,
                        CallbackServlet.class, EndedSessions.class, EndedSessions.Endpoint.class, SessionWipe.class,
                        SessionWipe.Endpoint.class);
    }

    public static WebArchive withStaleguard(WebArchive war, boolean staleguard) {
        return staleguard ? war.addAsLibrary(StaleguardJar.cdi()) : war;
    }

    /** A {@code web.xml} with {@code content} inside {@code <web-app>}. */
    public static String webXml(String content) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                """ + content + "</web-app>\n";
    }
}
