package io.staleguard.cdi.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.staleguard.StaleguardConfig;
import io.staleguard.internal.ConfigException;
import io.staleguard.internal.ConfigReader;
import io.staleguard.internal.Log;
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
            throw new ConfigException("Staleguard configuration: MicroProfile Config property '" + property
                    + "' could not be read: " + Log.printable(String.valueOf(e.getMessage()), 300));
        }
    }

    /** A typo in a key would otherwise silently leave the default in force. */
    static void warnAboutUnknownKeys(ClassLoader applicationLoader) {
        Config config = config(applicationLoader);
        if (config == null) {
            return;
        }
        Set<String> known = keys();
        for (String name : config.getPropertyNames()) {
            if (!name.toLowerCase(Locale.ROOT).startsWith(ConfigReader.PREFIX)) {
                continue;
            }
            String key = name.substring(ConfigReader.PREFIX.length());
            if (key.equals(StaleguardConfig.DROP_IN)) {
                Log.warn(CdiLog.UNKNOWN_KEY, "MicroProfile Config property '%s' has no effect: %s is read from the "
                        + "context-param of that name only", Log.printable(name, 120), name);
            } else if (!known.contains(key)) {
                Log.warn(CdiLog.UNKNOWN_KEY, "MicroProfile Config property '%s' is not a Staleguard key and has no "
                        + "effect. Staleguard keys: %s", Log.printable(name, 120), known);
            }
        }
    }

    /** Every key {@link StaleguardConfig} names, so that a new key is known here the day it is added there. */
    static Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (Field field : StaleguardConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    keys.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        keys.remove(StaleguardConfig.DROP_IN);
        return keys;
    }

    private static Config config(ClassLoader applicationLoader) {
        try {
            return ConfigProvider.getConfig(applicationLoader);
        } catch (IllegalStateException noImplementation) {
            return null;
        }
    }
}
