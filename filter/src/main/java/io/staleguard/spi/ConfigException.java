package io.staleguard.spi;

/**
 * A configuration value broke a rule. The message names where the value came from, shows it, states the rule and gives
 * an example of a good value.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message the rule, the value and an example, starting with a {@link ConfigError} id */
    public ConfigException(String message) {
        super(message);
    }
}
