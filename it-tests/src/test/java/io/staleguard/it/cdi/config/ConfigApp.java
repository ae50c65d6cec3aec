package io.staleguard.it.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;

import io.staleguard.it.cdi.CdiApp;
import io.staleguard.it.cdi.ConsentFlow;
import io.staleguard.it.support.Browser;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A small application with both Staleguard jars whose {@code WEB-INF/classes/META-INF/microprofile-config.properties}
 * sets {@code staleguard.restart-url}, and the probe that reads which restart target won.
 */
final class ConfigApp {

    static final String MICROPROFILE_RESTART = "/mp-login";

    private ConfigApp() {
    }

    /**
     * @param microprofileConfig the content of {@code microprofile-config.properties}
     * @param webXml what goes inside {@code <web-app>}, or null for no {@code web.xml} (drop-in registration)
     */
    static WebArchive war(String name, String microprofileConfig, String webXml) {
        WebArchive war = CdiApp.withStaleguard(CdiApp.core(name), true)
                .addClass(StaleStepServlet.class)
                .addAsResource(new StringAsset(microprofileConfig), "META-INF/microprofile-config.properties");
        return webXml == null ? war : war.setWebXML(new StringAsset(CdiApp.webXml(webXml)));
    }

    /** The usual one: {@code staleguard.restart-url=/mp-login}. */
    static WebArchive war(String name, String webXml) {
        return war(name, "staleguard.restart-url=" + MICROPROFILE_RESTART + "\n", webXml);
    }

    /**
     * Where a stale consent restarts: a browser starts a consent, the server loses its sessions, the browser posts the
     * consent with its stale cookie.
     *
     * @return the Location of the 303
     */
    static String restartTarget(URL base) throws IOException, InterruptedException {
        Browser browser = new Browser();
        assertEquals(200, browser.open(ConsentFlow.authorize(base, "config")).statusCode());
        ConsentFlow.wipeSessions(base);
        HttpResponse<String> recovery = browser.post(URI.create(base + "consent"), Browser.form());
        assertEquals(303, recovery.statusCode(), recovery::body);
        return recovery.headers().firstValue("Location").orElseThrow();
    }
}
