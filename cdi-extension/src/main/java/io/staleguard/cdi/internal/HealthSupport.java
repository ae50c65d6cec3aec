package io.staleguard.cdi.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import org.eclipse.microprofile.health.Readiness;

/**
 * Adds {@link StoreReadiness}; only called when {@link Frameworks#MP_HEALTH} says the API is there. The type belongs to
 * this jar's bean archive ({@code META-INF/beans.xml}), where a server's health implementation finds it.
 */
final class HealthSupport {

    private HealthSupport() {
    }

    static void register(BeforeBeanDiscovery discovery) {
        discovery.addAnnotatedType(StoreReadiness.class, StoreReadiness.class.getName())
                .add(ApplicationScoped.Literal.INSTANCE)
                .add(Readiness.Literal.INSTANCE);
    }
}
