package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static io.staleguard.testing.Harness.withCookies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.management.ManagementFactory;
import java.time.Instant;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.store.StoreUnavailableException;
import io.staleguard.testing.Harness;

@DisplayName("Observability: per-application counters over JMX")
class CountersTest {

    @Test
    @DisplayName("recovered, loop-guarded, identity-changed and unavailable are counted and readable through JMX")
    void countersOverJmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.staleguard:type=Staleguard,context=\"/app\"");
        try (Harness app = Harness.withInitParams("identity-header", "X-User")) {
            app.run(navigate("GET", "/a"), throwing(new SessionNotFoundException("gone")));
            app.run(withCookies(navigate("GET", "/a"), "staleguard-retry",
                    Long.toString(Instant.now().getEpochSecond() + 30)), throwing(new SessionNotFoundException("gone")));
            app.run(navigate("GET", "/a"), throwing(new StoreUnavailableException("down")));
            var identity = navigate("GET", "/a");
            identity.setRemoteAddr("127.0.0.1");
            identity.setRemoteUser("alice");
            identity.addHeader("X-User", "bob");
            app.run(identity, Harness.ok());

            assertEquals(3L, server.getAttribute(name, "Recovered"));
            assertEquals(1L, server.getAttribute(name, "LoopGuarded"));
            assertEquals(1L, server.getAttribute(name, "IdentityChanged"));
            assertEquals(1L, server.getAttribute(name, "Unavailable"));
        }
        assertFalse(server.isRegistered(name), "unregistered when the filter is destroyed");
    }
}
