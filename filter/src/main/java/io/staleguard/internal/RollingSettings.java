package io.staleguard.internal;

import java.time.Duration;

import io.staleguard.internal.config.ConfigKey;
import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.config.UrlPatterns;
import io.staleguard.internal.ops.Log;
import io.staleguard.spi.ConfigException;

/**
 * The rolling-session and store settings of one application (R1–R7, S3), parsed and validated once at start-up.
 * Immutable.
 */
public final class RollingSettings {

    /** The {@code store} value that selects the embedded in-memory store. */
    public static final String MEMORY = "memory";
    /** The prefix of a {@code store} value naming a DataSource in JNDI. */
    public static final String JDBC_PREFIX = "jdbc:";

    public final boolean rolling;
    public final UrlPatterns exclude;
    public final Duration inactivity;
    public final Duration absolute;
    public final Duration maxCookieAge;
    /** Whether {@code max-cookie-age} is set: without rolling, it alone switches the cap on (R6). */
    public final boolean maxCookieAgeSet;
    /** Null when every request touches. */
    public final Duration touchInterval;
    /** The {@code store} value as configured, or null for container mode. */
    public final ConfigReader.Value store;

    private RollingSettings(ConfigReader config) {
        rolling = config.bool(ConfigKey.ROLLING);
        exclude = UrlPatterns.parse(config.value(ConfigKey.ROLLING_EXCLUDE));
        inactivity = config.duration(ConfigKey.INACTIVITY);
        absolute = config.duration(ConfigKey.ABSOLUTE);
        maxCookieAge = config.duration(ConfigKey.MAX_COOKIE_AGE);
        maxCookieAgeSet = config.value(ConfigKey.MAX_COOKIE_AGE) != null;
        touchInterval = config.duration(ConfigKey.TOUCH_INTERVAL);
        if (absolute.compareTo(inactivity) < 0) {
            ConfigKey blamedKey = config.value(ConfigKey.ABSOLUTE) != null ? ConfigKey.ABSOLUTE : ConfigKey.INACTIVITY;
            throw config.value(blamedKey).invalid("absolute (" + absolute + ") must not be shorter than inactivity ("
                    + inactivity + ")", blamedKey.errorExample());
        }
        if (touchInterval != null && touchInterval.compareTo(inactivity) >= 0) {
            throw config.value(ConfigKey.TOUCH_INTERVAL).invalid("it must be shorter than inactivity ("
                    + inactivity + "), or sessions in use would expire between touches", "PT1M");
        }
        store = config.value(ConfigKey.STORE);
        if (store != null && !MEMORY.equalsIgnoreCase(store.raw()) && jndiName() == null) {
            throw store.invalid("it must be 'memory' or 'jdbc:' followed by the JNDI name of a DataSource",
                    ConfigKey.STORE.example());
        }
    }

    /**
     * @throws ConfigException if a value is invalid
     */
    public static RollingSettings read(ConfigReader config) {
        return new RollingSettings(config);
    }

    /** @return whether {@code store} selects the in-memory store */
    public boolean memoryStore() {
        return store != null && MEMORY.equalsIgnoreCase(store.raw());
    }

    /** @return the JNDI name of {@code store=jdbc:<name>}, or null */
    public String jndiName() {
        if (store == null || !store.raw().regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
            return null;
        }
        String name = store.raw().substring(JDBC_PREFIX.length()).trim();
        for (int i = 0; i < name.length(); i++) {
            if (Character.isWhitespace(name.charAt(i)) || Character.isISOControl(name.charAt(i))) {
                return null;
            }
        }
        return name.isEmpty() ? null : name;
    }

    @Override
    public String toString() {
        return "rolling=" + rolling + ", rolling-exclude=" + (exclude.isEmpty() ? "none" : "set") + ", inactivity="
                + inactivity + ", absolute=" + absolute + ", max-cookie-age=" + maxCookieAge + ", touch-interval="
                + (touchInterval == null ? "none" : touchInterval) + ", store="
                + (store == null ? "container" : Log.printable(store.raw(), 120));
    }
}
