package io.staleguard.cdi.internal;

import java.util.Optional;

import io.staleguard.spi.ExternalConfig;

/**
 * C3: every configuration key as the MicroProfile Config property {@code staleguard.<key>}, below init-params and
 * context-params. Found by the filter's configuration reader through {@link java.util.ServiceLoader} and asked once per
 * key when an engine starts; the values are validated there, with this source named in every error message.
 */
public final class MicroProfileConfigSource implements ExternalConfig {

    @Override
    public Optional<String> value(String property, ClassLoader applicationLoader) {
        return Frameworks.MP_CONFIG ? MpConfig.value(property, applicationLoader) : Optional.empty();
    }

    @Override
    public String describe(String property) {
        return "MicroProfile Config property '" + property + "'";
    }
}
