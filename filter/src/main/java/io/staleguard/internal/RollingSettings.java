package io.staleguard.internal;

import java.time.Duration;

import io.staleguard.StaleguardConfig;

/**
 * The rolling-session and store settings of one application (R1–R7, S3), parsed and validated once at start-up.
 * Immutable.
 */
public final class RollingSettings {

    public static final Duration DEFAULT_INACTIVITY = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(12);
    public static final Duration DEFAULT_MAX_COOKIE_AGE = Duration.ofDays(7);

    /** The {@code store} value that selects the embedded in-memory store. */
    public static final String MEMORY = "memory";
    /** The prefix of a {@code store} value naming a DataSource in JNDI. */
    public static final String JDBC_PREFIX = "jdbc:";

    private static final String STORE_EXAMPLE = "jdbc:java:jboss/datasources/SessionsDS";

    final boolean rolling;
    final UrlPatterns exclude;
    final Duration inactivity;
    final Duration absolute;
    final Duration maxCookieAge;
    /** Null when every request touches. */
    final Duration touchInterval;
    /** The {@code store} value as configured, or null for container mode. */
    final ConfigReader.Value store;

    private RollingSettings(ConfigReader config) {
        rolling = config.bool(StaleguardConfig.ROLLING, false);
        exclude = UrlPatterns.parse(config.value(StaleguardConfig.ROLLING_EXCLUDE));
        inactivity = config.duration(StaleguardConfig.INACTIVITY, DEFAULT_INACTIVITY, "PT30M");
        absolute = config.duration(StaleguardConfig.ABSOLUTE, DEFAULT_ABSOLUTE, "PT12H");
        maxCookieAge = config.duration(StaleguardConfig.MAX_COOKIE_AGE, DEFAULT_MAX_COOKIE_AGE, "P7D");
        touchInterval = config.duration(StaleguardConfig.TOUCH_INTERVAL, null, "PT1M");
        if (absolute.compareTo(inactivity) < 0) {
            ConfigReader.Value blamed = config.value(StaleguardConfig.ABSOLUTE) != null
                    ? config.value(StaleguardConfig.ABSOLUTE) : config.value(StaleguardConfig.INACTIVITY);
            throw blamed.invalid("absolute (" + absolute + ") must not be shorter than inactivity (" + inactivity + ")",
                    blamed.key().equals(StaleguardConfig.ABSOLUTE) ? "PT12H" : "PT30M");
        }
        if (touchInterval != null && touchInterval.compareTo(inactivity) >= 0) {
            throw config.value(StaleguardConfig.TOUCH_INTERVAL).invalid("it must be shorter than inactivity ("
                    + inactivity + "), or sessions in use would expire between touches", "PT1M");
        }
        store = config.value(StaleguardConfig.STORE);
        if (store != null && !MEMORY.equalsIgnoreCase(store.raw()) && jndiName() == null) {
            throw store.invalid("it must be 'memory' or 'jdbc:' followed by the JNDI name of a DataSource",
                    STORE_EXAMPLE);
        }
    }

    /**
     * @throws ConfigException if a value is invalid
     */
    public static RollingSettings read(ConfigReader config) {
        return new RollingSettings(config);
    }

    /** @return whether {@code RollingSessionFilter} extends sessions */
    public boolean rolling() {
        return rolling;
    }

    public Duration inactivity() {
        return inactivity;
    }

    public Duration absolute() {
        return absolute;
    }

    /** @return whether {@code store} selects the in-memory store */
    boolean memoryStore() {
        return store != null && MEMORY.equalsIgnoreCase(store.raw());
    }

    /** @return the JNDI name of {@code store=jdbc:<name>}, or null */
    String jndiName() {
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
