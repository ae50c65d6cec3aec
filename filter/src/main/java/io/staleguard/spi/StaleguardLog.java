package io.staleguard.spi;

import java.lang.System.Logger.Level;

import io.staleguard.internal.ops.Log;

/**
 * Staleguard's log, for its integration modules: the logger {@code io.staleguard}, every line starting with a stable
 * message id ({@code SG0101: …}) that operators grep and alert on. Each module keeps its own block of ids
 * ({@code docs/operations.md} lists them all).
 *
 * @since 0.1
 */
public final class StaleguardLog {

    private StaleguardLog() {
    }

    /**
     * @param id the message id, such as {@code SG0101}
     * @param message a {@link String#format} pattern; formatted only when the level is enabled
     * @param args the pattern's arguments
     */
    public static void info(String id, String message, Object... args) {
        Log.log(Level.INFO, id, message, null, args);
    }

    /**
     * @param id the message id, such as {@code SG0101}
     * @param message a {@link String#format} pattern; formatted only when the level is enabled
     * @param args the pattern's arguments
     */
    public static void warn(String id, String message, Object... args) {
        Log.log(Level.WARNING, id, message, null, args);
    }

    /**
     * @param id the message id, such as {@code SG0101}
     * @param thrown logged with its stack trace
     * @param message a {@link String#format} pattern; formatted only when the level is enabled
     * @param args the pattern's arguments
     */
    public static void warn(String id, Throwable thrown, String message, Object... args) {
        Log.log(Level.WARNING, id, message, thrown, args);
    }

    /**
     * Makes a value that came from outside (a request path, a header, a configuration value) safe to log: control
     * characters escaped and long values cut, so that it cannot forge log lines.
     *
     * @param value the value, or null
     * @param maxLength the most characters kept
     * @return {@code value} with control characters escaped, cut after {@code maxLength} characters
     */
    public static String printable(String value, int maxLength) {
        return Log.printable(value, maxLength);
    }
}
