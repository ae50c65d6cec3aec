package io.staleguard.cdi.internal;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.staleguard.spi.ConfigException;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.StoreLocator;
import io.staleguard.store.SessionStore;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.servlet.ServletContext;

/**
 * S3: an application bean of type {@link SessionStore} is the store, before any context attribute or {@code store}
 * configuration. Found by the filters through {@link java.util.ServiceLoader}, also where there is no CDI at all: the
 * CDI calls live in {@link Lookup}, which is only loaded when this class is asked.
 */
public final class CdiStoreLocator implements StoreLocator {

    /**
     * @return the application's {@code SessionStore} bean, as a contextual reference; empty without CDI or without such
     *         a bean
     * @throws ConfigException when several beans qualify and no alternative settles it
     */
    @Override
    public Optional<SessionStore> find(ServletContext context) {
        try {
            return Lookup.find(context);
        } catch (NoClassDefFoundError noCdiApi) {
            return Optional.empty();
        }
    }

    private static final class Lookup {

        static Optional<SessionStore> find(ServletContext context) {
            BeanManager manager = BeanManagers.find(context);
            if (manager == null) {
                return Optional.empty();
            }
            if (Frameworks.MP_HEALTH) {
                HealthSupport.contextOfTheFilters(manager, context);
            }
            Set<Bean<?>> beans = manager.getBeans(SessionStore.class);
            if (beans.isEmpty()) {
                return Optional.empty();
            }
            Bean<?> bean;
            try {
                bean = manager.resolve(beans);
            } catch (jakarta.enterprise.inject.AmbiguousResolutionException e) {
                throw new ConfigException(ConfigError.AMBIGUOUS_STORE_BEANS.message("Staleguard configuration: "
                        + beans.size() + " CDI beans are SessionStores ("
                        + beans.stream().map(b -> b.getBeanClass().getName()).sorted().collect(Collectors.joining(", "))
                        + "), but the filters need exactly one. Keep one, or select one with @Alternative @Priority(1). "
                        + "For example: @Produces @ApplicationScoped SessionStore store(DataSource ds)"));
            }
            return Optional.of((SessionStore) manager.getReference(bean, SessionStore.class,
                    manager.createCreationalContext(bean)));
        }
    }
}
