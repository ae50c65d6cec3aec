package io.staleguard.spi;

/**
 * A configuration value broke a rule. The message names where the value came from, shows it, states the rule and gives
 * an example of a good value.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message where the value came from, the value, the rule and a good example */
    public ConfigException(String message) {
        super(message);
    }
}
