package io.staleguard.cdi.internal;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.health.Readiness;

/**
 * Adds {@link StoreReadiness}, and tells it the servlet context of the filters; only called when
 * {@link Frameworks#MP_HEALTH} says the API is there. The type belongs to this jar's bean archive
 * ({@code META-INF/beans.xml}), where a server's health implementation finds it.
 */
final class HealthSupport {

    private HealthSupport() {
    }

    static void register(BeforeBeanDiscovery discovery) {
        // @Readiness comes with the class (see StoreReadiness); only the scope is added.
        discovery.addAnnotatedType(StoreReadiness.class, StoreReadiness.class.getName())
                .add(ApplicationScoped.Literal.INSTANCE);
    }

    /**
     * Called when the filters look for a store bean ({@link CdiStoreLocator}), which is where they hand this jar their
     * servlet context on every server: on Payara the check is told no other way (see {@link StoreReadiness}).
     */
    static void contextOfTheFilters(BeanManager manager, ServletContext context) {
        Set<Bean<?>> beans = manager.getBeans(StoreReadiness.class, Readiness.Literal.INSTANCE);
        if (beans.isEmpty()) {
            return;
        }
        Bean<?> bean = manager.resolve(beans);
        ((StoreReadiness) manager.getReference(bean, StoreReadiness.class, manager.createCreationalContext(bean)))
                .watch(context);
    }
}
