package io.staleguard.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;

/**
 * The readiness check in a real CDI container ({@link CdiBeans#start}): registered by the extension as the one
 * {@code @Readiness} check, DOWN exactly while the store the filters use throws.
 */
@DisplayName("MicroProfile Health: the staleguard-store readiness check")
class StoreReadinessTest {

    static final MockServletContext CONTEXT = new MockServletContext();

    private WeldContainer container;

    @AfterEach
    void close() {
        CONTEXT.removeAttribute(SessionStore.ATTRIBUTE);
        CdiBeans.StoreProducer.STORE.down = false;
        if (container != null) {
            container.shutdown();
        }
    }

    private HealthCheck readiness(Class<?>... beanClasses) {
        container = CdiBeans.start(beanClasses);
        return container.select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
    }

    @Test
    @DisplayName("T1 a SessionStore bean: UP; DOWN while it throws StoreUnavailableException, with the exception's "
            + "class only; UP again when it answers")
    void storeBean() {
        HealthCheck check = readiness(ServletContextBean.class, CdiBeans.StoreProducer.class);
        HealthCheckResponse up = check.call();
        assertEquals(StoreReadiness.NAME, up.getName());
        assertEquals(HealthCheckResponse.Status.UP, up.getStatus());

        CdiBeans.StoreProducer.STORE.down = true;
        HealthCheckResponse down = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        Map<String, Object> data = down.getData().orElseThrow();
        assertEquals(StoreUnavailableException.class.getName(), data.get("error"));
        assertFalse(data.values().stream().anyMatch(v -> v.toString().contains("connection refused")),
                "no exception message in the data");

        CdiBeans.StoreProducer.STORE.down = false;
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
    }

    @Test
    @DisplayName("the store the filters created and published as the context attribute; none: UP with store=none")
    void contextAttribute() {
        HealthCheck check = readiness(ServletContextBean.class);
        HealthCheckResponse none = check.call();
        assertEquals(HealthCheckResponse.Status.UP, none.getStatus());
        assertEquals("none", none.getData().orElseThrow().get("store"));

        CONTEXT.setAttribute(SessionStore.ATTRIBUTE, new InMemorySessionStore());
        HealthCheckResponse up = check.call();
        assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
        assertEquals(InMemorySessionStore.class.getName(), up.getData().orElseThrow().get("store"));
    }

    @Test
    @DisplayName("a container without a ServletContext bean still starts: UP with store=none")
    void withoutServletContext() {
        assertEquals("none", readiness(CdiBeans.Plain.class).call().getData().orElseThrow().get("store"));
    }

    /** What a Jakarta EE server provides as a built-in bean. */
    @ApplicationScoped
    public static class ServletContextBean {
        @Produces
        ServletContext servletContext() {
            return CONTEXT;
        }
    }
}
