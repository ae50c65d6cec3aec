package io.staleguard.it.redeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.staleguard.it.support.Server;
import io.staleguard.it.support.TestApps;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, item 4 on WildFly: an application with the drop-in switched off that calls {@code Staleguard.recover}
 * (so no filter owns its engine) is deployed, used, undeployed and deployed again: the MBean under its context's
 * name then belongs to the new deployment (its class loader, its counters from zero), not to the old one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("Issue 12 item 4: nothing pinned after undeploy (WildFly)")
class RedeployMBeanIT {

    private static final String WAR = "redeploy.war";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApps.war(WAR).addClass(MBeanProbeServlet.class).setWebXML(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <context-param><param-name>staleguard.drop-in</param-name><param-value>false</param-value></context-param>
                </web-app>
                """));
    }

    private static HttpResponse<String> get(URL base, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Sec-Fetch-Mode", "navigate").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("Issue 12 item 4: deploy, recover once (MBean: own, recovered=1), undeploy and deploy again → no "
            + "MBean left from the old deployment; the next recovery registers the new deployment's (own, "
            + "recovered=1)")
    void mbeanBelongsToTheNewDeployment(@ArquillianResource URL base) throws Exception {
        assertEquals(303, get(base, "stale").statusCode());
        assertEquals("registered=true own=true recovered=1", get(base, "mbean").body());

        Server.current().reprovision(app());

        assertEquals("registered=false", get(base, "mbean").body(),
                "the old deployment's MBean (and with it its class loader) is gone with it");
        assertEquals(303, get(base, "stale").statusCode());
        assertEquals("registered=true own=true recovered=1", get(base, "mbean").body());
    }
}
