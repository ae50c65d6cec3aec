package io.staleguard.internal.ops;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import jakarta.servlet.ServletContext;

/**
 * Staleguard's log messages. Every message starts with a stable id ({@code SG0001}…) so operators can grep for it and
 * alert on it; the ids are listed in {@code docs/operations.md}. Nothing logged here ever contains a session id or a
 * cookie value.
 */
public final class Log {

    private static final Logger LOGGER = System.getLogger("io.staleguard");


    private static final String ONCE_ATTRIBUTE = "io.staleguard.logged.";

    private Log() {
    }

    public static void info(LogId id, String message, Object... args) {
        log(Level.INFO, id.id(), message, null, args);
    }

    public static void warn(LogId id, String message, Object... args) {
        log(Level.WARNING, id.id(), message, null, args);
    }

    public static void warn(LogId id, Throwable thrown, String message, Object... args) {
        log(Level.WARNING, id.id(), message, thrown, args);
    }

    public static void debug(LogId id, String message, Object... args) {
        log(Level.DEBUG, id.id(), message, null, args);
    }

    /**
     * Whether a once-per-deployment message is due: true the first time {@code id} is asked for in {@code context},
     * false after. An application starts several engines (one per filter, one for {@code Staleguard.recover}) and the
     * container initialises each filter after the start-up check; their start-up lines belong to the deployment.
     */
    public static boolean once(ServletContext context, LogId id) {
        return ContextAttributes.setIfAbsent(context, ONCE_ATTRIBUTE + id.id(), Boolean.TRUE);
    }

    public static boolean isDebugEnabled() {
        return LOGGER.isLoggable(Level.DEBUG);
    }

    /**
     * For other modules' log lines ({@code io.staleguard.spi.StaleguardLog}), whose ids are theirs.
     *
     * @param id the line's id, e.g. {@code SG0101}
     */
    public static void log(Level level, String id, String message, Throwable thrown, Object... args) {
        if (!LOGGER.isLoggable(level)) {
            return;
        }
        String text = id + ": " + (args.length == 0 ? message : String.format(message, args));
        if (thrown == null) {
            LOGGER.log(level, text);
        } else {
            LOGGER.log(level, text, thrown);
        }
    }

    /**
     * Makes a request path or header value safe to log: control characters are escaped and long values cut, so a
     * crafted request cannot forge log lines.
     */
    public static String printable(String value, int maxLength) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength) + 8);
        for (int i = 0; i < value.length(); i++) {
            if (out.length() >= maxLength) {
                out.append("…(").append(value.length()).append(" chars)");
                break;
            }
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
