package io.staleguard.cdi.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A MicroProfile Config implementation holding a map, installed as the resolver for the duration of a test. Counts
 * every read per property, and can be told to fail a property like an unresolvable {@code ${expression}}.
 */
class FakeMicroProfileConfig extends ConfigProviderResolver implements Config, AutoCloseable {

    final Map<String, String> values = new HashMap<>();
    final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    volatile ClassLoader askedFor;
    String unresolvable;

    private FakeMicroProfileConfig() {
    }

    static FakeMicroProfileConfig install() {
        FakeMicroProfileConfig config = new FakeMicroProfileConfig();
        ConfigProviderResolver.setInstance(config);
        return config;
    }

    /** No implementation at all: the API's lookup fails the way it does on a server without MicroProfile Config. */
    static AutoCloseable installNone() {
        ConfigProviderResolver.setInstance(new FakeMicroProfileConfig() {
            @Override
            public Config getConfig(ClassLoader loader) {
                throw new IllegalStateException("No ConfigProviderResolver implementation found!");
            }
        });
        return () -> ConfigProviderResolver.setInstance(null);
    }

    int reads(String property) {
        AtomicInteger n = reads.get(property);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        ConfigProviderResolver.setInstance(null);
    }

    // --- ConfigProviderResolver

    @Override
    public Config getConfig() {
        return this;
    }

    @Override
    public Config getConfig(ClassLoader loader) {
        askedFor = loader;
        return this;
    }

    @Override
    public ConfigBuilder getBuilder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void registerConfig(Config config, ClassLoader classLoader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void releaseConfig(Config config) {
    }

    // --- Config

    @Override
    public <T> Optional<T> getOptionalValue(String propertyName, Class<T> propertyType) {
        reads.computeIfAbsent(propertyName, k -> new AtomicInteger()).incrementAndGet();
        if (propertyName.equals(unresolvable)) {
            throw new NoSuchElementException("SRCFG00011: Could not expand value missing.key in property " + propertyName);
        }
        String v = values.get(propertyName);
        // MicroProfile Config 3: an empty value is no value.
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(propertyType.cast(v));
    }

    @Override
    public <T> T getValue(String propertyName, Class<T> propertyType) {
        return getOptionalValue(propertyName, propertyType).orElseThrow();
    }

    @Override
    public ConfigValue getConfigValue(String propertyName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return List.copyOf(values.keySet());
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException();
    }
}
