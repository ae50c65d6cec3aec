package io.staleguard.internal.config;

import java.util.Locale;

/** A configuration value that is one of a few words; an enum of them lists them in the order a message shows them. */
public interface Choice {

    /**
     * @return the word as configured and as documented: by default the constant's name in lower case, with {@code -}
     *         for {@code _}
     */
    default String spelled() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
