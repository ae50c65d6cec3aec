package io.staleguard.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;

/**
 * The readiness check in a real CDI container (Weld SE, annotated discovery, the extension from its
 * {@code META-INF/services} entry): registered by the extension as the one {@code @Readiness} check, DOWN exactly while
 * the store the filters use throws.
 */
@DisplayName("MicroProfile Health: the staleguard-store readiness check")
class StoreReadinessTest {

    private WeldContainer container;

    @AfterEach
    void close() {
        Apps.CONTEXT.removeAttribute(SessionStore.ATTRIBUTE);
        Apps.Flaky.down = false;
        if (container != null) {
            container.shutdown();
        }
    }

    private HealthCheck readiness(Class<?>... beanClasses) {
        Weld weld = new Weld().disableDiscovery().setBeanDiscoveryMode(BeanDiscoveryMode.ANNOTATED)
                .addBeanClasses(beanClasses);
        for (Extension extension : ServiceLoader.load(Extension.class)) {
            if (extension.getClass().getName().startsWith("io.staleguard.")) {
                weld.addExtension(extension);
            }
        }
        container = weld.initialize();
        return container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
    }

    @Test
    @DisplayName("T1 a SessionStore bean: UP; DOWN while it throws StoreUnavailableException, with the exception's "
            + "class only; UP again when it answers")
    void storeBean() {
        HealthCheck check = readiness(Apps.Context.class, Apps.Flaky.class);
        HealthCheckResponse up = check.call();
        assertEquals(StoreReadiness.NAME, up.getName());
        assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
        assertEquals(Apps.Flaky.class.getName(), up.getData().orElseThrow().get("store").toString()
                .replaceAll("\\$Proxy.*", "").replace("$$", "$"));

        Apps.Flaky.down = true;
        HealthCheckResponse down = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        Map<String, Object> data = down.getData().orElseThrow();
        assertEquals(StoreUnavailableException.class.getName(), data.get("error"));
        assertFalse(data.values().stream().anyMatch(v -> v.toString().contains("connection refused")),
                "no exception message in the data");

        Apps.Flaky.down = false;
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
    }

    @Test
    @DisplayName("the store the filters created and published as the context attribute; none: UP with store=none")
    void contextAttribute() {
        HealthCheck check = readiness(Apps.Context.class);
        HealthCheckResponse none = check.call();
        assertEquals(HealthCheckResponse.Status.UP, none.getStatus());
        assertEquals("none", none.getData().orElseThrow().get("store"));

        Apps.CONTEXT.setAttribute(SessionStore.ATTRIBUTE, new InMemorySessionStore());
        HealthCheckResponse up = check.call();
        assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
        assertEquals(InMemorySessionStore.class.getName(), up.getData().orElseThrow().get("store"));
    }

    /** The beans of the test applications. */
    static final class Apps {

        static final MockServletContext CONTEXT = new MockServletContext();

        private Apps() {
        }

        /** What a Jakarta EE server provides as a built-in bean. */
        @ApplicationScoped
        public static class Context {
            @Produces
            ServletContext servletContext() {
                return CONTEXT;
            }
        }

        /** A store whose connection comes and goes. */
        @ApplicationScoped
        public static class Flaky implements SessionStore {
            static volatile boolean down;

            @Override
            public Optional<StoredSession> lookup(String id) {
                if (down) {
                    throw new StoreUnavailableException("connection refused");
                }
                return Optional.empty();
            }

            @Override
            public TouchResult touchIfPresent(String id, Instant newExpiry) {
                return TouchResult.GONE;
            }

            @Override
            public void delete(String id) {
                lookup(id);
            }
        }
    }
}
