package io.staleguard.tomcat;

import io.staleguard.it.pathparam.PathParameterApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12, item 2 on an embedded Tomcat: the same application and assertions as on WildFly. */
@DisplayName("Issue 12 item 2 on Tomcat: a session id in a path parameter")
class PathParameterTomcatIT {

    @BeforeAll
    static void start() throws Exception {
        TomcatServer.start();
    }

    @Test
    @DisplayName("Issue 12 item 2: GET …/interaction/step;jsessionid=<id> → 303 Location without the parameter, no id "
            + "in the event or the server log, and following it reaches the page (no loop-guard page)")
    void restartsWithoutTheId() throws Exception {
        PathParameterApp.restartsWithoutTheId(TomcatServer.deploy(PathParameterApp.war("pathparam.war")));
    }
}
