package io.staleguard.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
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
 * {@code @Readiness} check, DOWN exactly while the store the filters use throws. That WildFly's health subsystem
 * reports it is shown by {@code cluster-tests}' {@code StoreReadinessIT}, that Payara's does by {@code it-tests}'
 * {@code StoreReadinessPayaraIT}; what they need from this jar is checked here.
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

    /** What a web container does when the application starts (CDI: the payload is the application's context). */
    private void announceStart(ServletContext context) {
        container.getBeanManager().getEvent().select(ServletContext.class, Initialized.Literal.of(ApplicationScoped.class))
                .fire(context);
    }

    @Test
    @DisplayName("N3 T1 a SessionStore bean: UP; DOWN while it throws StoreUnavailableException, with the exception's "
            + "class only; UP again when it answers")
    void storeBean() {
        HealthCheck check = readiness(CdiBeans.StoreProducer.class);
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
    @DisplayName("the store the filters created and published as the attribute of the context the container announced "
            + "at start; none: UP with store=none")
    void contextAttribute() {
        HealthCheck check = readiness(CdiBeans.Plain.class);
        announceStart(CONTEXT);
        HealthCheckResponse none = check.call();
        assertEquals(HealthCheckResponse.Status.UP, none.getStatus());
        assertEquals("none", none.getData().orElseThrow().get("store"));

        CONTEXT.setAttribute(SessionStore.ATTRIBUTE, new InMemorySessionStore());
        HealthCheckResponse up = check.call();
        assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
        assertEquals(InMemorySessionStore.class.getName(), up.getData().orElseThrow().get("store"));
    }

    @Test
    @DisplayName("the store the filters published as the attribute of the context they pass when they look for a store "
            + "bean, with no announcement (Payara announces no ServletContext): the check reports that store")
    void contextOfTheFilters() {
        HealthCheck check = readiness(CdiBeans.Plain.class);
        CONTEXT.setAttribute(SessionStore.ATTRIBUTE, new InMemorySessionStore());
        assertEquals("none", check.call().getData().orElseThrow().get("store"));

        assertEquals(Optional.empty(), new CdiStoreLocator().find(CONTEXT), "no store bean");
        HealthCheckResponse up = check.call();
        assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
        assertEquals(InMemorySessionStore.class.getName(), up.getData().orElseThrow().get("store"));
    }

    @Test
    @DisplayName("before the container announced the application's context (or outside a web module): UP with "
            + "store=none")
    void beforeTheContextIsAnnounced() {
        CONTEXT.setAttribute(SessionStore.ATTRIBUTE, new InMemorySessionStore());
        assertEquals("none", readiness(CdiBeans.Plain.class).call().getData().orElseThrow().get("store"));
    }

    @Test
    @DisplayName("the jar is a bean archive in annotated mode: the check, added from its classes, belongs to an archive "
            + "the server's health implementation sees (WildFly's did not see it from a jar without beans.xml)")
    void jarIsAnAnnotatedBeanArchive() throws Exception {
        URL beansXml = StoreReadiness.class.getProtectionDomain().getCodeSource().getLocation().toURI()
                .resolve("META-INF/beans.xml").toURL();
        String xml;
        try (InputStream in = beansXml.openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("bean-discovery-mode=\"annotated\""), xml);
    }

    @Test
    @DisplayName("the class itself carries @Readiness: Payara adds its health extension to an application only when its "
            + "scan of the archive finds the annotation on a class (a servlet application listed no check without it)")
    void annotatedForPayarasScan() {
        assertTrue(StoreReadiness.class.isAnnotationPresent(Readiness.class));
    }
}
