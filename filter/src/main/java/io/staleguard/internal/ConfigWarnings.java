package io.staleguard.internal;

import java.util.Collections;
import java.util.Set;

import io.staleguard.internal.config.UnknownKeys;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * Logs SG0013 at start-up for every init-param of a Staleguard filter and every {@code staleguard.*} context-param
 * that sets no key: a typo would otherwise silently leave the default in force. (The CDI module does the same for
 * MicroProfile Config, SG0104.)
 */
public final class ConfigWarnings {

    private ConfigWarnings() {
    }

    public static void unknownContextParams(ServletContext context) {
        log(UnknownKeys.warnings(UnknownKeys.Source.CONTEXT_PARAM, Collections.list(context.getInitParameterNames()),
                Set.of(), name -> "context-param '" + Log.printable(name, 120) + "'"));
    }

    public static void unknownInitParams(FilterRegistration registration) {
        log(UnknownKeys.warnings(UnknownKeys.Source.INIT_PARAM, registration.getInitParameters().keySet(),
                Set.of(DropIn.MARKER), name -> "init-param '" + Log.printable(name, 120) + "' of filter '"
                        + Log.printable(registration.getName(), 120) + "'"));
    }

    private static void log(Iterable<String> warnings) {
        for (String warning : warnings) {
            Log.warn(LogId.UNKNOWN_KEY, "%s", warning);
        }
    }
}
