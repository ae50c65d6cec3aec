package io.staleguard.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Function;

import io.staleguard.internal.ops.Log;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.ConfigException;
import io.staleguard.spi.ExternalConfig;

/**
 * Reads raw configuration values in Staleguard's precedence order: filter init-param {@code key}, then context-param
 * {@code staleguard.key}, then each {@link ExternalConfig} (MicroProfile Config) as {@code staleguard.key}.
 * A blank value counts as not set. The typed getters take a {@link ConfigKey}, whose default applies when no source
 * sets the key; they throw {@link ConfigException} naming the source, the value, the rule and an example.
 */
public final class ConfigReader {

    /** Prefix of every context-param and MicroProfile Config property. */
    public static final String PREFIX = ConfigKey.PREFIX;

    private final String filterName;
    private final Function<String, String> initParams;
    private final Function<String, String> contextParams;
    private final List<ExternalConfig> external;
    private final ClassLoader applicationLoader;

    /** A value and the words that name where it came from. */
    public record Value(String key, String raw, String source, boolean secret) {

        /** The value as an error message may show it: control characters escaped, long values cut, secrets hidden. */
        String shown() {
            return secret ? "<" + raw.length() + " characters, not shown>" : Log.printable(raw, 200);
        }

        /** A {@link ConfigException} stating {@code rule} and showing {@code example}. */
        public ConfigException invalid(String rule, String example) {
            return invalid(ConfigError.INVALID_VALUE, rule, example);
        }

        /** Like {@link #invalid(String, String)}, for a rule that has an id of its own. */
        public ConfigException invalid(ConfigError error, String rule, String example) {
            return new ConfigException(error.message("Staleguard configuration: " + source + " is '" + shown()
                    + "', but " + rule + ". For example: " + key + "=" + example));
        }
    }

    /**
     * @param filterName the filter's name for messages, or null when reading context-level configuration
     * @param initParams filter init-params, by key
     * @param contextParams context-params, by full name
     * @param applicationLoader the class loader that finds {@link ExternalConfig} implementations
     */
    public ConfigReader(String filterName, Function<String, String> initParams, Function<String, String> contextParams,
            ClassLoader applicationLoader) {
        this(filterName, initParams, contextParams, loadExternal(applicationLoader), applicationLoader);
    }

    /**
     * @param external the application's external sources, found once by its runtime
     */
    public ConfigReader(String filterName, Function<String, String> initParams, Function<String, String> contextParams,
            List<ExternalConfig> external, ClassLoader applicationLoader) {
        this.filterName = filterName;
        this.initParams = initParams;
        this.contextParams = contextParams;
        this.applicationLoader = applicationLoader;
        this.external = external;
    }

    /** @return the {@link ExternalConfig} sources the application's class loader finds, in {@code ServiceLoader} order */
    public static List<ExternalConfig> loadExternal(ClassLoader applicationLoader) {
        List<ExternalConfig> found = new ArrayList<>();
        ServiceLoader.load(ExternalConfig.class, applicationLoader).forEach(found::add);
        return List.copyOf(found);
    }

    /** @return the value of {@code key} from the first source that sets it, or null */
    public Value value(String key) {
        return value(key, false);
    }

    /** @return the value of {@code key} from the first source that sets it, or null */
    public Value value(ConfigKey key) {
        return value(key.key(), false);
    }

    /** Like {@link #value(ConfigKey)}, for values that must never appear in messages. */
    public Value secretValue(ConfigKey key) {
        return value(key.key(), true);
    }

    /** @return the configured value of {@code key}, else its default as a value named as the default; null if neither */
    public Value valueOrDefault(ConfigKey key) {
        Value v = value(key);
        return v != null || key.defaultValue() == null ? v : new Value(key.key(), key.defaultValue(), "default", false);
    }

    private Value value(String key, boolean secret) {
        String raw = filterName == null ? null : initParams.apply(key);
        if (!isBlank(raw)) {
            return new Value(key, raw.trim(), "init-param '" + key + "' of filter '" + filterName + "'", secret);
        }
        String property = PREFIX + key;
        raw = contextParams.apply(property);
        if (!isBlank(raw)) {
            return new Value(key, raw.trim(), "context-param '" + property + "'", secret);
        }
        for (ExternalConfig source : external) {
            raw = source.value(property, applicationLoader).orElse(null);
            if (!isBlank(raw)) {
                return new Value(key, raw.trim(), source.describe(property), secret);
            }
        }
        return null;
    }

    /** {@code true} or {@code false}, ignoring case; a message about a bad value shows the opposite of the default. */
    public boolean bool(ConfigKey key) {
        boolean defaultValue = Boolean.parseBoolean(key.defaultValue());
        Value v = value(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.raw().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw v.invalid("it must be 'true' or 'false'", String.valueOf(!defaultValue));
        };
    }

    /** A positive ISO-8601 duration such as {@code PT30S} or {@code P7D}; the key's default, or null, when unset. */
    public Duration duration(ConfigKey key) {
        Value v = valueOrDefault(key);
        if (v == null) {
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(v.raw().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw v.invalid("it must be an ISO-8601 duration greater than zero", key.errorExample());
        }
        if (d.isNegative() || d.isZero()) {
            throw v.invalid("it must be an ISO-8601 duration greater than zero", key.errorExample());
        }
        return d;
    }

    /**
     * One of {@code type}'s words, compared ignoring case; the key's default when unset.
     *
     * @param <E> an enum of every allowed word, in the order a message lists them
     */
    public <E extends Enum<E> & Choice> E choice(ConfigKey key, Class<E> type) {
        Value v = valueOrDefault(key);
        E[] allowed = type.getEnumConstants();
        for (E a : allowed) {
            if (a.spelled().equalsIgnoreCase(v.raw())) {
                return a;
            }
        }
        List<String> words = new ArrayList<>();
        for (E a : allowed) {
            words.add(a.spelled());
        }
        throw v.invalid("it must be one of " + String.join(", ", words), key.errorExample());
    }

    public static List<String> split(String raw) {
        List<String> items = new ArrayList<>();
        for (String item : raw.split(",")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return List.copyOf(items);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
