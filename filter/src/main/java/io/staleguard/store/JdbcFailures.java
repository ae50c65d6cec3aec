package io.staleguard.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a {@link SQLException} of a {@link JdbcSessionStore} means: an outage that may heal
 * ({@link StoreUnavailableException}), a live session in the way of a create, or a table that does not match the
 * configuration ({@link IllegalStateException}).
 */
final class JdbcFailures {

    private JdbcFailures() {
    }

    /**
     * @param description the store, as messages name it
     * @param operation what the store could not do, as in "could not touch a session"
     */
    static RuntimeException failure(String description, String operation, SQLException e) {
        if (isTransient(e)) {
            return new StoreUnavailableException(description + ": could not " + operation + " (" + state(e) + ")", e);
        }
        return new IllegalStateException(description + ": could not " + operation + " (" + state(e) + "). Check that "
                + "the table and its columns exist as configured; docs/rolling-and-stores.md has the DDL.", e);
    }

    /** Whether the failure says nothing about the data: the database could not be reached or gave up for now. */
    static boolean isTransient(Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t) && seen.size() < 32; t = next(t)) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57") || state.startsWith("HYT") || state.equals("HY008")
                        || state.equals("70100")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof SQLException s ? s.getNextException() : null;
    }

    static boolean isDuplicateKey(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof java.sql.SQLIntegrityConstraintViolationException
                    || (s.getSQLState() != null && s.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    static String state(SQLException e) {
        return "SQLState " + e.getSQLState() + ", " + e.getClass().getSimpleName();
    }
}
