package io.staleguard.internal;

import java.util.Optional;

import io.staleguard.store.SessionStore;
import jakarta.servlet.ServletContext;

/**
 * Finds an application's {@link SessionStore} from an integration, found with {@link java.util.ServiceLoader} through
 * the web application's class loader. The CDI module supplies one that returns the application's {@code SessionStore}
 * bean (S3: a CDI bean comes first). Not public API.
 */
public interface StoreLocator {

    /** @return the application's store, if this integration knows one */
    Optional<SessionStore> find(ServletContext context);
}
