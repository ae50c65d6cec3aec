package io.staleguard.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * How a {@link JdbcSessionStore} works on its data sources: one connection per operation, and its statements settled
 * before the operation returns, whether the pool's connections are in auto-commit mode, not in it, or enlisted in a
 * JTA transaction.
 */
final class Transactions {

    /** One unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /** {@link #run} could not get a connection: an outage, unless {@link TableCheck} finds it is configuration. */
    static final class NoConnection extends StoreUnavailableException {
        private static final long serialVersionUID = 1L;

        NoConnection(String message, SQLException cause) {
            super(message, cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** The store, as messages name it. */
    private final String description;

    Transactions(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /**
     * Runs {@code work} on a connection of {@code from}. In auto-commit mode every statement is its own transaction.
     * A connection that is not in auto-commit mode and not part of a JTA transaction gets its work committed here, or
     * rolled back when it fails: left open, the pool would roll it back on return, and a touch or a logout would
     * report success with the row unchanged. Inside a JTA transaction the statements are part of it; its owner
     * commits or rolls back.
     */
    <T> T run(DataSource from, String operation, Work<T> work) throws SQLException {
        try (Connection c = connection(from, operation)) {
            boolean local = !c.getAutoCommit() && !JtaTransactions.active();
            try {
                T result = work.on(c);
                if (local) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (local) {
                    rollback(c, e);
                }
                throw e;
            }
        }
    }

    /** {@link #run}, with a failed statement turned into what the store throws. */
    <T> T call(DataSource from, String operation, Work<T> work) {
        try {
            return run(from, operation, work);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /** @see JdbcFailures#failure */
    RuntimeException failure(String operation, SQLException e) {
        return JdbcFailures.failure(description, operation, e);
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private Connection connection(DataSource from, String operation) {
        try {
            Connection c = from.getConnection();
            if (c == null) {
                throw new StoreUnavailableException(description + ": the data source gave no connection to " + operation);
            }
            return c;
        } catch (SQLException e) {
            // Whatever the reason (pool exhausted or closed, database down), there is no answer to be had right now.
            throw new NoConnection(description + ": no connection to " + operation + " (" + JdbcFailures.state(e)
                    + ")", e);
        }
    }
}
