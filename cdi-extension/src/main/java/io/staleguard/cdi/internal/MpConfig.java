package io.staleguard.cdi.internal;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import io.staleguard.spi.ConfigException;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.ConfigKeys;
import io.staleguard.spi.StaleguardLog;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** MicroProfile Config access; only called when {@link Frameworks#MP_CONFIG} holds. */
final class MpConfig {

    private MpConfig() {
    }

    /**
     * @return the property's value in the application's configuration; empty when unset or when no MicroProfile
     *         Config implementation is installed
     * @throws ConfigException when the implementation cannot produce the value (an unresolvable {@code ${expression}})
     */
    static Optional<String> value(String property, ClassLoader applicationLoader) {
        Config config = config(applicationLoader);
        if (config == null) {
            return Optional.empty();
        }
        try {
            return config.getOptionalValue(property, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw new ConfigException(ConfigError.UNREADABLE_MP_CONFIG.message("Staleguard configuration: MicroProfile "
                    + "Config property '" + property + "' could not be read: "
                    + StaleguardLog.printable(String.valueOf(e.getMessage()), 300)));
        }
    }

    /** A typo in a key would otherwise silently leave the default in force. */
    static void warnAboutUnknownKeys(ClassLoader applicationLoader) {
        Config config = config(applicationLoader);
        if (config == null) {
            return;
        }
        for (String warning : ConfigKeys.unknownPropertyWarnings(config.getPropertyNames(),
                name -> "MicroProfile Config property '" + StaleguardLog.printable(name, 120) + "'")) {
            StaleguardLog.warn(CdiLog.UNKNOWN_KEY, "%s", warning);
        }
    }

    /** Every key a filter reads, from the configuration registry. */
    static Set<String> keys() {
        return ConfigKeys.keys();
    }

    private static Config config(ClassLoader applicationLoader) {
        try {
            return ConfigProvider.getConfig(applicationLoader);
        } catch (IllegalStateException noImplementation) {
            return null;
        }
    }
}
