package io.staleguard.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Finds the settings that set no key, in any source: a typo would otherwise silently leave the default in force.
 * The caller logs the warnings under its own message id.
 */
public final class UnknownKeys {

    /** A configuration source, as far as knowing its keys goes. */
    public enum Source {
        /** A Staleguard filter's init-params: named by the plain key. */
        INIT_PARAM(false, false),
        /** Context-params: Staleguard's are named {@code staleguard.<key>}; others belong to someone else. */
        CONTEXT_PARAM(true, true),
        /** MicroProfile Config: like context-params, but {@code drop-in} is read from the context-param only. */
        EXTERNAL(true, false);

        private final boolean prefixed;
        private final boolean readsDropIn;

        Source(boolean prefixed, boolean readsDropIn) {
            this.prefixed = prefixed;
            this.readsDropIn = readsDropIn;
        }
    }

    private UnknownKeys() {
    }

    /** @return the keys a filter reads from every source, sorted */
    public static Set<String> filterKeys() {
        return Arrays.stream(ConfigKey.values()).filter(ConfigKey::perFilter).map(ConfigKey::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * @param names the names {@code source} sets
     * @param ignored names that are not keys but are known to be set, such as the drop-in's own marker
     * @param describe how a message names the setting a name stands for, such as {@code context-param 'x'}
     * @return one warning per name that sets no key, without a message id
     */
    public static List<String> warnings(Source source, Iterable<String> names, Set<String> ignored,
            UnaryOperator<String> describe) {
        List<String> warnings = new ArrayList<>();
        for (String name : names) {
            String key = key(source, name);
            if (key == null || ignored.contains(name)) {
                continue;
            }
            ConfigKey known = ConfigKey.named(key).orElse(null);
            if (known == ConfigKey.DROP_IN && !source.readsDropIn) {
                warnings.add(describe.apply(name) + " has no effect: " + ConfigKey.DROP_IN.property()
                        + " is read from the context-param of that name only");
            } else if (known == null) {
                warnings.add(describe.apply(name) + " is not a Staleguard key and has no effect. Staleguard keys: "
                        + filterKeys());
            }
        }
        return warnings;
    }

    private static String key(Source source, String name) {
        if (!source.prefixed) {
            return name;
        }
        return name.toLowerCase(Locale.ROOT).startsWith(ConfigKey.PREFIX) ? name.substring(ConfigKey.PREFIX.length())
                : null;
    }
}
