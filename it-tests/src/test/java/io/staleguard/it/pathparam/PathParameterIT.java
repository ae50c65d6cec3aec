package io.staleguard.it.pathparam;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 12, item 2 on the managed server: see {@link PathParameterApp}. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@DisplayName("Issue 12 item 2: a session id in a path parameter")
class PathParameterIT {

    @Deployment(testable = false)
    static WebArchive app() {
        return PathParameterApp.war("pathparam.war");
    }

    @Test
    @DisplayName("Issue 12 item 2: GET …/interaction/step;jsessionid=<id> → 303 Location without the parameter, no id "
            + "in the event or the server log, and following it reaches the page (no loop-guard page)")
    void restartsWithoutTheId(@ArquillianResource URL base) throws Exception {
        PathParameterApp.restartsWithoutTheId(base);
    }
}
