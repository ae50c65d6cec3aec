package io.staleguard.cdi.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import org.eclipse.microprofile.health.Readiness;

/** Adds {@link StoreReadiness}; only called when {@link Frameworks#MP_HEALTH} says the API is there. */
final class HealthSupport {

    private HealthSupport() {
    }

    static void register(BeforeBeanDiscovery discovery) {
        discovery.addAnnotatedType(StoreReadiness.class, StoreReadiness.class.getName())
                .add(ApplicationScoped.Literal.INSTANCE)
                .add(Readiness.Literal.INSTANCE);
    }
}
