package io.staleguard.it.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.staleguard.it.support.TestApps;
import org.jboss.arquillian.container.test.api.Deployer;
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
 * C3 on a real server: a bad configuration value fails the deployment, with a message naming the key and the value,
 * for each way of registering the filter. WildFly initialises filters lazily, on the first request that reaches them,
 * so without a check at start-up the application would deploy and then answer every request with a 500.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C3: a bad configuration value fails the deployment")
class BadConfigurationIT {

    private static final String WEB_XML = "bad-webxml.war";
    private static final String PROGRAMMATIC = "bad-programmatic.war";
    private static final String DROP_IN = "bad-dropin.war";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = WEB_XML, managed = false, testable = false)
    static WebArchive webXmlApp() {
        return TestApps.war(WEB_XML).setWebXML(new StringAsset(webApp("""
                    <filter>
                        <filter-name>staleguard</filter-name>
                        <filter-class>io.staleguard.StaleSessionFilter</filter-class>
                        <init-param><param-name>retry-window</param-name><param-value>forever</param-value></init-param>
                    </filter>
                    <filter-mapping><filter-name>staleguard</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                """)));
    }

    @Deployment(name = PROGRAMMATIC, managed = false, testable = false)
    static WebArchive programmaticApp() {
        return TestApps.war(PROGRAMMATIC).addClass(BadlyConfiguredRegistrar.class).setWebXML(new StringAsset(webApp(
                "    <listener><listener-class>" + BadlyConfiguredRegistrar.class.getName()
                        + "</listener-class></listener>\n")));
    }

    @Deployment(name = DROP_IN, managed = false, testable = false)
    static WebArchive dropInApp() {
        return TestApps.war(DROP_IN).setWebXML(new StringAsset(webApp("""
                    <context-param><param-name>staleguard.retry-window</param-name><param-value>forever</param-value></context-param>
                """)));
    }

    @Test
    @DisplayName("C3, web.xml registration: init-param retry-window=forever → deployment fails naming the key and value")
    void webXmlRegistration() {
        assertDeploymentFails(WEB_XML, "init-param 'retry-window'");
    }

    @Test
    @DisplayName("C3, programmatic registration: init-param restart-url=//evil.example → deployment fails naming it")
    void programmaticRegistration() {
        assertDeploymentFails(PROGRAMMATIC, "restart-url");
    }

    @Test
    @DisplayName("C3, drop-in registration: context-param staleguard.retry-window=forever → deployment fails naming it")
    void dropInRegistration() {
        assertDeploymentFails(DROP_IN, "context-param 'staleguard.retry-window'");
    }

    private void assertDeploymentFails(String name, String source) {
        Exception failure = assertThrows(Exception.class, () -> deployer.deploy(name),
                name + " deployed although its Staleguard configuration is invalid");
        String messages = messages(failure);
        assertTrue(messages.contains("SG0200 Staleguard configuration") && messages.contains(source), messages);
    }

    private static String messages(Throwable t) {
        List<String> all = new ArrayList<>();
        for (Throwable c = t; c != null && all.size() < 20; c = c.getCause()) {
            all.add(String.valueOf(c.getMessage()));
        }
        return String.join("\n", all);
    }

    private static String webApp(String content) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                + "version=\"6.0\">\n" + content + "</web-app>\n";
    }
}
