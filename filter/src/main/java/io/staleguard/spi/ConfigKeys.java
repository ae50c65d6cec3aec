package io.staleguard.spi;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.staleguard.internal.config.UnknownKeys;

/**
 * Staleguard's configuration keys, for modules that bring another configuration source ({@link ExternalConfig}), so
 * that a typo in a key is reported instead of silently leaving the default in force.
 *
 * @since 0.1
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** @return every key a filter reads, without the {@code staleguard.} prefix, sorted */
    public static Set<String> keys() {
        return UnknownKeys.filterKeys();
    }

    /**
     * @param propertyNames every property name an external source sets; names without the {@code staleguard.} prefix
     *        belong to someone else and are skipped
     * @param describe how a warning names the setting, such as {@code MicroProfile Config property 'x'}
     * @return one warning per {@code staleguard.*} property that sets no key, without a message id
     */
    public static List<String> unknownPropertyWarnings(Iterable<String> propertyNames, UnaryOperator<String> describe) {
        return UnknownKeys.warnings(UnknownKeys.Source.EXTERNAL, propertyNames, Set.of(), describe);
    }
}
