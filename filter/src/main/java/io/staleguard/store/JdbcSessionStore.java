package io.staleguard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.staleguard.internal.config.ConfigError;

/**
 * Sessions in a table of any JDBC database, through a {@link DataSource}: the shared store for a cluster. Verified on
 * PostgreSQL, MariaDB and H2.
 * <p>
 * The table (default {@value #DEFAULT_TABLE}; {@code docs/rolling-and-stores.md} has the DDL for PostgreSQL, MariaDB
 * and H2) needs four columns; it may have more, such as the application's own session data, which this store never
 * reads or writes:
 * <pre>
 * id                  VARCHAR(255) primary key  the session id (binary collation on MariaDB/MySQL)
 * created_at          BIGINT                    epoch milliseconds, UTC
 * expires_at          BIGINT                    epoch milliseconds: the record is dead from then on
 * absolute_expires_at BIGINT                    epoch milliseconds: no touch extends expires_at beyond it
 * </pre>
 * <b>The touch.</b> {@link #touchIfPresent(String, Instant)} is one conditional statement:
 * <pre>
 * UPDATE staleguard_session SET expires_at = ?
 *  WHERE id = ? AND expires_at &gt; ? AND absolute_expires_at &gt;= ?
 * </pre>
 * It extends a live record and never creates one, so a concurrent logout's {@code DELETE} always wins: either it comes
 * first and the update finds nothing, or it waits for the update's row lock and then deletes. Never an upsert, never a
 * read followed by a write. Only when that statement changes no row (the session is gone, or it is in its last
 * {@code inactivity} before its absolute limit) does a second conditional {@code UPDATE} move the expiry to the limit
 * and a {@code SELECT} read the result; neither can bring a deleted row back either.
 * <p>
 * <b>Failures.</b> When a connection cannot be had, the connection breaks, a statement times out
 * ({@linkplain Builder#queryTimeout(Duration) default 5 s}) or the database reports a transient condition (JDBC's
 * {@code SQLTransientException} and {@code SQLRecoverableException}, SQLState classes 08, 40, 53, 57, HYT and 70100),
 * methods throw {@link StoreUnavailableException}, which Staleguard never takes for "session gone". Any other
 * {@link SQLException} means the table does not match the configuration: {@link IllegalStateException}.
 * {@link #checkTable()} (run at deployment for {@code store=jdbc:…}) also reports connection failures that waiting
 * cannot heal as {@link IllegalStateException}, naming the driver setting to fix: the driver and the server disagree
 * about TLS (MariaDB Connector/J 3 and later require TLS by default: {@code sslMode=disable} or TLS on the server), the
 * user or password is refused, the database does not exist, no driver accepts the URL. An unreachable database is
 * still "unavailable" there, and every failure after start-up is classified as above.
 * <p>
 * <b>Read replicas (T2).</b> With {@link Builder#readReplica(DataSource)}, {@link #lookup(String)} reads from the
 * replica, and everything else goes to the primary: {@link #lookupAuthoritative(String)}, the touch, deletes, creates
 * and purges. A replica lags behind its primary, so a session created a moment ago may not be there yet: that is why
 * Staleguard confirms every "not found" with {@link #lookupAuthoritative(String)} before it ends a session, and why the
 * touch, whose GONE ends the refreshing of a cookie, is never read from a replica. When the replica cannot answer,
 * lookups go to the primary.
 * <pre>
 * SessionStore store = JdbcSessionStore.builder(primary).readReplica(replica).build();
 * </pre>
 * <p>
 * <b>Session ids</b> are only ever bound as parameters, never put into SQL text, and an id that is not
 * {@link SessionStore#isValidId(String) valid} is never sent to the database at all.
 * <p>
 * <b>Transactions.</b> Each operation uses one connection of the data source, and its statements are settled before
 * the method returns, in either commit mode of the pool:
 * <ul>
 * <li>an auto-commit connection (every pool's default): each statement is its own transaction;</li>
 * <li>a connection with {@code autoCommit=false} (HikariCP {@code autoCommit=false}, DBCP/Tomcat
 * {@code defaultAutoCommit=false}) outside any JTA transaction: the store commits what it wrote before the method
 * returns, and rolls back when a statement fails, so a touch that reports TOUCHED or a delete that returns has really
 * changed the row;</li>
 * <li>a container-managed data source while the calling thread is in a JTA transaction (found through
 * {@code java:comp/TransactionSynchronizationRegistry}): the statements join that transaction, and the store neither
 * commits nor rolls back. If that transaction rolls back, so do they: a {@code Staleguard.logout} inside it leaves the
 * record alive (the cookie expiry already sent stands, but any other copy of the cookie keeps working until the record
 * expires), and a sign-in's {@link #create(String, StoredSession) create} leaves no record (the next request finds the
 * session gone). The deleted or updated row also stays locked until that transaction ends, so concurrent touches of
 * the same session wait for it, up to the query timeout. Sign users out outside the application's transactions, or
 * after they commit. Staleguard's own filters call the store outside any transaction of the application.</li>
 * </ul>
 * On MySQL and MariaDB, leave Connector/J's {@code useAffectedRows} at its default ({@code false}).
 * <pre>
 * &#64;Resource(lookup = "java:jboss/datasources/SessionsDS") DataSource sessions;
 * ...
 * SessionStore store = JdbcSessionStore.builder(sessions).table("app_session").build();
 * </pre>
 * or simply {@code store=jdbc:java:jboss/datasources/SessionsDS} for the default table and columns.
 *
 * @since 0.1
 */
public final class JdbcSessionStore implements SessionStore {

    /** The default table name: {@value}. */
    public static final String DEFAULT_TABLE = "staleguard_session";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private final DataSource dataSource;
    /** Where {@link #lookup(String)} reads: the replica, or the primary when there is none. */
    private final DataSource readDataSource;
    private final String table;
    private final int queryTimeoutSeconds;
    private final Clock clock;

    private final String lookupSql;
    private final String touchSql;
    private final String touchToLimitSql;
    private final String expirySql;
    private final String deleteSql;
    private final String deleteExpiredIdSql;
    private final String insertSql;
    private final String purgeSql;
    private final String checkSql;

    /**
     * A store on the default table {@value #DEFAULT_TABLE} with the default column names.
     *
     * @param dataSource where the table lives
     * @throws NullPointerException if {@code dataSource} is null
     */
    public JdbcSessionStore(DataSource dataSource) {
        this(builder(dataSource));
    }

    private JdbcSessionStore(Builder b) {
        this.dataSource = b.dataSource;
        this.readDataSource = b.replica == null ? b.dataSource : b.replica;
        this.table = b.table;
        this.queryTimeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, b.queryTimeout.toSeconds()));
        this.clock = b.clock;
        String t = b.table;
        lookupSql = "SELECT " + b.createdAt + ", " + b.expiresAt + ", " + b.absoluteExpiresAt + " FROM " + t
                + " WHERE " + b.id + " = ? AND " + b.expiresAt + " > ?";
        touchSql = "UPDATE " + t + " SET " + b.expiresAt + " = ? WHERE " + b.id + " = ? AND " + b.expiresAt
                + " > ? AND " + b.absoluteExpiresAt + " >= ?";
        touchToLimitSql = "UPDATE " + t + " SET " + b.expiresAt + " = " + b.absoluteExpiresAt + " WHERE " + b.id
                + " = ? AND " + b.expiresAt + " > ? AND " + b.absoluteExpiresAt + " < ?";
        expirySql = "SELECT " + b.expiresAt + " FROM " + t + " WHERE " + b.id + " = ? AND " + b.expiresAt + " > ?";
        deleteSql = "DELETE FROM " + t + " WHERE " + b.id + " = ?";
        deleteExpiredIdSql = "DELETE FROM " + t + " WHERE " + b.id + " = ? AND " + b.expiresAt + " <= ?";
        insertSql = "INSERT INTO " + t + " (" + b.id + ", " + b.createdAt + ", " + b.expiresAt + ", "
                + b.absoluteExpiresAt + ") VALUES (?, ?, ?, ?)";
        purgeSql = "DELETE FROM " + t + " WHERE " + b.expiresAt + " <= ?";
        checkSql = "SELECT " + b.id + ", " + b.createdAt + ", " + b.expiresAt + ", " + b.absoluteExpiresAt + " FROM "
                + t + " WHERE 1 = 0";
    }

    /**
     * @param dataSource where the table lives
     * @return a builder for a store with other table or column names, or another query timeout
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Names the table and columns of a {@link JdbcSessionStore}. Names are plain SQL identifiers, never quoted. */
    public static final class Builder {

        private final DataSource dataSource;
        private DataSource replica;
        private String table = DEFAULT_TABLE;
        private String id = "id";
        private String createdAt = "created_at";
        private String expiresAt = "expires_at";
        private String absoluteExpiresAt = "absolute_expires_at";
        private Duration queryTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param name the table, optionally schema-qualified ({@code sessions.app_session}); default
         *        {@value JdbcSessionStore#DEFAULT_TABLE}
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is not a plain SQL identifier
         */
        public Builder table(String name) {
            this.table = identifier("table", name);
            return this;
        }

        /**
         * @param id the session id column (default {@code id})
         * @param createdAt the creation time column (default {@code created_at})
         * @param expiresAt the expiry column (default {@code expires_at})
         * @param absoluteExpiresAt the absolute limit column (default {@code absolute_expires_at})
         * @return this builder
         * @throws IllegalArgumentException if a name is not a plain SQL identifier
         */
        public Builder columns(String id, String createdAt, String expiresAt, String absoluteExpiresAt) {
            this.id = column("id", id);
            this.createdAt = column("createdAt", createdAt);
            this.expiresAt = column("expiresAt", expiresAt);
            this.absoluteExpiresAt = column("absoluteExpiresAt", absoluteExpiresAt);
            return this;
        }

        /**
         * @param timeout how long one statement may take before the store counts as unavailable (whole seconds, at
         *        least 1); default 5 seconds
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is shorter than a second
         */
        public Builder queryTimeout(Duration timeout) {
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(ConfigError.STORE_ARGUMENT.message("queryTimeout must be at least "
                        + "PT1S, not " + timeout));
            }
            this.queryTimeout = timeout;
            return this;
        }

        /**
         * @param replica a read replica of the primary's table, for {@link JdbcSessionStore#lookup(String)} only; it
         *        may lag behind the primary (T2)
         * @return this builder
         * @throws NullPointerException if {@code replica} is null
         */
        public Builder readReplica(DataSource replica) {
            this.replica = Objects.requireNonNull(replica, "replica");
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the store */
        public JdbcSessionStore build() {
            return new JdbcSessionStore(this);
        }

        private static String column(String what, String name) {
            String checked = identifier(what, name);
            if (checked.indexOf('.') >= 0) {
                throw new IllegalArgumentException(ConfigError.STORE_ARGUMENT.message("Column " + what + " must be a "
                        + "plain SQL identifier such as expires_at, not '" + name + "'"));
            }
            return checked;
        }

        private static String identifier(String what, String name) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException(ConfigError.STORE_ARGUMENT.message("The " + what + " name must be a "
                        + "plain SQL identifier (letters, digits and _, optionally schema.name), such as app_session, "
                        + "not '" + (name == null ? "null" : name.replaceAll("\\p{Cntrl}", "?")) + "'"));
            }
            return name;
        }
    }

    /** Reads the read replica, if there is one; when it cannot answer, the primary. */
    @Override
    public Optional<StoredSession> lookup(String id) {
        if (readDataSource != dataSource && SessionStore.isValidId(id)) {
            try {
                return lookup(readDataSource, "look up a session on the read replica", id);
            } catch (StoreUnavailableException replicaDown) {
                return lookupAuthoritative(id);
            }
        }
        return lookupAuthoritative(id);
    }

    /** Reads the primary (T2). */
    @Override
    public Optional<StoredSession> lookupAuthoritative(String id) {
        return lookup(dataSource, "look up a session", id);
    }

    private Optional<StoredSession> lookup(DataSource from, String operation, String id) {
        if (!SessionStore.isValidId(id)) {
            return Optional.empty();
        }
        long now = clock.millis();
        try {
            return run(from, operation, c -> {
                try (PreparedStatement s = prepare(c, lookupSql)) {
                    s.setString(1, id);
                    s.setLong(2, now);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            return Optional.<StoredSession>empty();
                        }
                        return Optional.of(new StoredSession(Instant.ofEpochMilli(r.getLong(1)),
                                Instant.ofEpochMilli(r.getLong(2)), Instant.ofEpochMilli(r.getLong(3))));
                    }
                }
            });
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        Objects.requireNonNull(newExpiry, "newExpiry");
        if (!SessionStore.isValidId(id)) {
            return TouchResult.GONE;
        }
        long now = clock.millis();
        long wanted = newExpiry.toEpochMilli();
        try {
            return run(dataSource, "touch a session", c -> touch(c, id, now, wanted));
        } catch (SQLException e) {
            throw failure("touch a session", e);
        }
    }

    private TouchResult touch(Connection c, String id, long now, long wanted) throws SQLException {
        try (PreparedStatement s = prepare(c, touchSql)) {
            s.setLong(1, wanted);
            s.setString(2, id);
            s.setLong(3, now);
            s.setLong(4, wanted);
            if (s.executeUpdate() > 0) {
                return TouchResult.touched(Instant.ofEpochMilli(wanted));
            }
        }
        // Gone, or near its absolute limit (or a driver that counts unchanged rows as unaffected): cap at the
        // limit, then read what the record now says. Both are conditional on the row existing.
        try (PreparedStatement s = prepare(c, touchToLimitSql)) {
            s.setString(1, id);
            s.setLong(2, now);
            s.setLong(3, wanted);
            s.executeUpdate();
        }
        try (PreparedStatement s = prepare(c, expirySql)) {
            s.setString(1, id);
            s.setLong(2, now);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? TouchResult.touched(Instant.ofEpochMilli(r.getLong(1))) : TouchResult.GONE;
            }
        }
    }

    @Override
    public void delete(String id) {
        if (!SessionStore.isValidId(id)) {
            return;
        }
        try {
            run(dataSource, "delete a session", c -> {
                try (PreparedStatement s = prepare(c, deleteSql)) {
                    s.setString(1, id);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("delete a session", e);
        }
    }

    /**
     * @throws IllegalArgumentException if {@code id} is not valid, or a live record with this id exists
     */
    @Override
    public void create(String id, StoredSession session) {
        SessionStore.checkCreate(id, session);
        try {
            run(dataSource, "create a session", c -> {
                try (PreparedStatement s = prepare(c, deleteExpiredIdSql)) {
                    s.setString(1, id);
                    s.setLong(2, clock.millis());
                    s.executeUpdate();
                }
                try (PreparedStatement s = prepare(c, insertSql)) {
                    s.setString(1, id);
                    s.setLong(2, session.createdAt().toEpochMilli());
                    s.setLong(3, session.expiresAt().toEpochMilli());
                    s.setLong(4, session.absoluteExpiresAt().toEpochMilli());
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                // Not chained: drivers put the duplicate key's value, the session id, into their messages.
                throw new IllegalArgumentException("A session with this id already exists in " + table);
            }
            throw failure("create a session", e);
        }
    }

    /**
     * Deletes the expired records. Expired records are harmless (they are never found), so this only keeps the table
     * small: call it from a scheduled job, for example an EJB {@code @Schedule(hour = "*")}.
     *
     * @return how many records were deleted
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public int purgeExpired() {
        try {
            return run(dataSource, "purge expired sessions", c -> {
                try (PreparedStatement s = prepare(c, purgeSql)) {
                    s.setLong(1, clock.millis());
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("purge expired sessions", e);
        }
    }

    /**
     * Checks that the table and its four columns exist, so that a wrong name fails at start-up rather than on the
     * first request.
     *
     * @throws IllegalStateException if the table or a column is missing, naming both; or if no connection can be
     *         had for a reason that retrying cannot heal (the driver and the server disagree about TLS, such as MariaDB
     *         Connector/J's default TLS against a server without it; the user or password is refused; the database
     *         does not exist; no driver accepts the URL), naming the driver setting to fix. The message starts with
     *         the id of what was found (SG0211 to SG0215, listed in {@code docs/operations.md})
     * @throws StoreUnavailableException if the database cannot be reached (down, refusing connections, pool
     *         exhausted): that may heal, so Staleguard starts and treats the store as unavailable until it answers
     */
    public void checkTable() {
        checkTable(dataSource, "check the session table");
        if (readDataSource != dataSource) {
            checkTable(readDataSource, "check the session table on the read replica");
        }
    }

    private void checkTable(DataSource on, String operation) {
        try {
            run(on, operation, c -> {
                try (PreparedStatement s = prepare(c, checkSql); ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            });
        } catch (SQLException e) {
            RuntimeException failure = failure(operation, e);
            throw failure instanceof StoreUnavailableException ? failure
                    : new IllegalStateException(ConfigError.STORE_TABLE.message(failure.getMessage()), e);
        } catch (NoConnection e) {
            ConnectionSetupErrors.Finding found = ConnectionSetupErrors.find(e.getCause());
            if (found == null) {
                throw e;
            }
            Throwable evidence = found.evidence();
            String shown = evidence instanceof SQLException s ? state(s) : evidence.getClass().getName();
            throw new IllegalStateException(found.error().message(describe() + ": the data source cannot open a "
                    + "connection, and retrying will not help (" + shown + ": " + printable(evidence.getMessage())
                    + "). Fix: " + found.fix()), e.getCause());
        }
    }

    /** {@link #connection} could not get one: an outage, unless {@link #checkTable()} finds it is configuration. */
    private static final class NoConnection extends StoreUnavailableException {
        private static final long serialVersionUID = 1L;

        NoConnection(String message, SQLException cause) {
            super(message, cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** A driver's message, for a start-up error: one line, at most 300 characters. */
    private static String printable(String message) {
        String m = String.valueOf(message).replaceAll("\\p{Cntrl}", " ");
        return m.length() <= 300 ? m : m.substring(0, 300) + "…";
    }

    /** One unit of work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of {@code from}. In auto-commit mode every statement is its own transaction.
     * A connection that is not in auto-commit mode and not part of a JTA transaction gets its work committed here, or
     * rolled back when it fails: left open, the pool would roll it back on return, and a touch or a logout would
     * report success with the row unchanged. Inside a JTA transaction the statements are part of it; its owner
     * commits or rolls back.
     */
    private <T> T run(DataSource from, String operation, Work<T> work) throws SQLException {
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
                throw new StoreUnavailableException(describe() + ": the data source gave no connection to " + operation);
            }
            return c;
        } catch (SQLException e) {
            // Whatever the reason (pool exhausted or closed, database down), there is no answer to be had right now.
            throw new NoConnection(describe() + ": no connection to " + operation + " (" + state(e) + ")", e);
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setQueryTimeout(queryTimeoutSeconds);
        return s;
    }

    private RuntimeException failure(String operation, SQLException e) {
        if (isTransient(e)) {
            return new StoreUnavailableException(describe() + ": could not " + operation + " (" + state(e) + ")", e);
        }
        return new IllegalStateException(describe() + ": could not " + operation + " (" + state(e) + "). Check that "
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

    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s instanceof java.sql.SQLIntegrityConstraintViolationException
                    || (s.getSQLState() != null && s.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static String state(SQLException e) {
        return "SQLState " + e.getSQLState() + ", " + e.getClass().getSimpleName();
    }

    private String describe() {
        return "JdbcSessionStore on table " + table;
    }

    @Override
    public String toString() {
        return "JdbcSessionStore[" + table + (readDataSource != dataSource ? ", with a read replica" : "") + "]";
    }
}
