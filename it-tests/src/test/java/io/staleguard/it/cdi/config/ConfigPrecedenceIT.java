package io.staleguard.it.cdi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import io.staleguard.it.consent.ConsentApp;
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
 * C3's precedence on every server, with {@code microprofile-config.properties} saying {@code /mp-login} in each
 * deployment: a {@code staleguard.restart-url} context-param is above MicroProfile Config, and the filter's
 * {@code restart-url} init-param is above everything. (On WildFly, {@code SystemPropertyConfigIT} runs these again
 * with a server system property set as well.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("C3: configuration precedence over MicroProfile Config")
class ConfigPrecedenceIT {

    static final String CONTEXT_PARAM = "cdi-precedence-context.war";
    static final String INIT_PARAM = "cdi-precedence-init.war";

    @Deployment(name = CONTEXT_PARAM, testable = false)
    static WebArchive contextParam() {
        return ConfigApp.war(CONTEXT_PARAM, """
                    <context-param>
                        <param-name>staleguard.restart-url</param-name>
                        <param-value>/context-login</param-value>
                    </context-param>
                """);
    }

    @Deployment(name = INIT_PARAM, testable = false)
    static WebArchive initParam() {
        return ConfigApp.war(INIT_PARAM, """
                    <context-param>
                        <param-name>staleguard.restart-url</param-name>
                        <param-value>/context-login</param-value>
                    </context-param>
                    <filter>
                        <filter-name>staleguard</filter-name>
                        <filter-class>io.staleguard.StaleSessionFilter</filter-class>
                        <init-param><param-name>restart-url</param-name><param-value>/init-login</param-value></init-param>
                    </filter>
                    <filter-mapping><filter-name>staleguard</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                """);
    }

    @Test
    @DisplayName("C3, context-param staleguard.restart-url over every MicroProfile Config source: /context-login")
    void contextParamBeatsMicroprofileConfig(@ArquillianResource @OperateOnDeployment(CONTEXT_PARAM) URL base)
            throws Exception {
        assertEquals(ConsentApp.contextPath(base) + "/context-login", ConfigApp.restartTarget(base));
    }

    @Test
    @DisplayName("C3, the filter's init-param restart-url over the context-param and every MicroProfile Config source: /init-login")
    void initParamBeatsEverything(@ArquillianResource @OperateOnDeployment(INIT_PARAM) URL base) throws Exception {
        assertEquals(ConsentApp.contextPath(base) + "/init-login", ConfigApp.restartTarget(base));
    }
}
