package io.staleguard.store;

import java.sql.SQLException;

import javax.sql.DataSource;

import io.staleguard.spi.ConfigError;

/**
 * {@link JdbcSessionStore#checkTable()} on one data source: a wrong table or column name, or a connection that
 * retrying cannot heal, fails at start-up rather than on the first request.
 */
final class TableCheck {

    private TableCheck() {
    }

    static void check(Transactions transactions, SessionTable table, DataSource on, String operation) {
        try {
            transactions.run(on, operation, table::check);
        } catch (SQLException e) {
            RuntimeException failure = transactions.failure(operation, e);
            throw failure instanceof StoreUnavailableException ? failure
                    : new IllegalStateException(ConfigError.STORE_TABLE.message(failure.getMessage()), e);
        } catch (Transactions.NoConnection e) {
            ConnectionSetupErrors.Finding found = ConnectionSetupErrors.find(e.getCause());
            if (found == null) {
                throw e;
            }
            Throwable evidence = found.evidence();
            String shown = evidence instanceof SQLException s ? JdbcFailures.state(s) : evidence.getClass().getName();
            throw new IllegalStateException(found.error().message(transactions.description() + ": the data source "
                    + "cannot open a connection, and retrying will not help (" + shown + ": "
                    + printable(evidence.getMessage()) + "). Fix: " + found.fix()), e.getCause());
        }
    }

    /** A driver's message, for a start-up error: one line, at most 300 characters. */
    private static String printable(String message) {
        String m = String.valueOf(message).replaceAll("\\p{Cntrl}", " ");
        return m.length() <= 300 ? m : m.substring(0, 300) + "…";
    }
}
