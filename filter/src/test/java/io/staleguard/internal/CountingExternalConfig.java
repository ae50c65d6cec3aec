package io.staleguard.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.staleguard.internal.config.ConfigReader;
import io.staleguard.spi.ExternalConfig;

/**
 * An external configuration source (registered for every filter test by ServiceLoader) that sets nothing and counts
 * how often the application's configuration asks it for {@code staleguard.inactivity}: once per parse of the whole
 * configuration.
 */
public final class CountingExternalConfig implements ExternalConfig {

    static final AtomicInteger INACTIVITY_READS = new AtomicInteger();

    @Override
    public Optional<String> value(String property, ClassLoader applicationLoader) {
        if (property.equals(ConfigReader.PREFIX + "inactivity")) {
            INACTIVITY_READS.incrementAndGet();
        }
        return Optional.empty();
    }

    @Override
    public String describe(String property) {
        return "counting source '" + property + "'";
    }
}
