package io.staleguard.testing;

import java.util.Optional;

import io.staleguard.spi.StoreLocator;
import io.staleguard.store.SessionStore;
import jakarta.servlet.ServletContext;

/**
 * Stands in for the CDI module's locator (a {@code SessionStore} bean), registered through ServiceLoader for the whole
 * test run: it finds nothing unless a test sets {@link #bean}, and that test must clear it.
 */
public final class TestStoreLocator implements StoreLocator {

    public static volatile SessionStore bean;

    @Override
    public Optional<SessionStore> find(ServletContext context) {
        return Optional.ofNullable(bean);
    }
}
