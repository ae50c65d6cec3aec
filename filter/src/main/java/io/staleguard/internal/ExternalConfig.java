package io.staleguard.internal;

import java.util.Optional;

/**
 * A configuration source below init-params and context-params, found with {@link java.util.ServiceLoader} through the
 * web application's class loader. The CDI module supplies one backed by MicroProfile Config. Not public API.
 */
public interface ExternalConfig {

    /**
     * @param property the full property name, for example {@code staleguard.restart-url}
     * @param applicationLoader the web application's class loader
     * @return the value, if the source has one
     */
    Optional<String> value(String property, ClassLoader applicationLoader);

    /**
     * @param property the full property name
     * @return how to name this source in an error message, for example {@code MicroProfile Config property 'staleguard.x'}
     */
    String describe(String property);
}
