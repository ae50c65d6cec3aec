package io.staleguard.spi;

import java.util.Optional;

/**
 * A configuration source below init-params and context-params, found with {@link java.util.ServiceLoader} through the
 * web application's class loader. The CDI module supplies one backed by MicroProfile Config. For Staleguard's own
 * integration modules: applications configure Staleguard through the sources of {@link io.staleguard.StaleguardConfig}.
 *
 * @since 0.1
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
