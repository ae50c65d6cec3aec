package io.staleguard.store;

import java.util.regex.Pattern;

import io.staleguard.spi.ConfigError;

/**
 * The table and column names a {@link JdbcSessionStore.Builder} accepts: plain SQL identifiers, never quoted, so that
 * they can be written into the statements as they are.
 */
final class SqlIdentifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private SqlIdentifiers() {
    }

    static String column(String what, String name) {
        String checked = identifier(what, name);
        if (checked.indexOf('.') >= 0) {
            throw new IllegalArgumentException(ConfigError.STORE_ARGUMENT.message("Column " + what + " must be a "
                    + "plain SQL identifier such as expires_at, not '" + name + "'"));
        }
        return checked;
    }

    static String identifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(ConfigError.STORE_ARGUMENT.message("The " + what + " name must be a "
                    + "plain SQL identifier (letters, digits and _, optionally schema.name), such as app_session, "
                    + "not '" + (name == null ? "null" : name.replaceAll("\\p{Cntrl}", "?")) + "'"));
        }
        return name;
    }
}
