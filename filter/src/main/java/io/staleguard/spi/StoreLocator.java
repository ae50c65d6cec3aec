package io.staleguard.spi;

import java.util.Optional;

import io.staleguard.store.SessionStore;
import jakarta.servlet.ServletContext;

/**
 * Finds an application's {@link SessionStore} from an integration, found with {@link java.util.ServiceLoader} through
 * the web application's class loader. The CDI module supplies one that returns the application's {@code SessionStore}
 * bean (S3: a CDI bean comes first). For Staleguard's own integration modules: applications publish their store as a
 * bean or as the context attribute {@link SessionStore#ATTRIBUTE}.
 *
 * @since 0.1
 */
public interface StoreLocator {

    /**
     * @param context the application's servlet context
     * @return the application's store, if this integration knows one
     */
    Optional<SessionStore> find(ServletContext context);
}
