package io.staleguard.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.staleguard.spi.ConfigError;

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

    private final DataSource dataSource;
    /** Where {@link #lookup(String)} reads: the replica, or the primary when there is none. */
    private final DataSource readDataSource;
    private final String table;
    private final Clock clock;
    private final Transactions transactions;
    private final SessionTable sessions;
    private final Lookups lookups;

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
        this.clock = b.clock;
        this.transactions = new Transactions("JdbcSessionStore on table " + b.table);
        this.sessions = new SessionTable(b.table, b.id, b.createdAt, b.expiresAt, b.absoluteExpiresAt,
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, b.queryTimeout.toSeconds())));
        this.lookups = new Lookups(dataSource, readDataSource, sessions, transactions, clock);
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
            this.table = SqlIdentifiers.identifier("table", name);
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
            this.id = SqlIdentifiers.column("id", id);
            this.createdAt = SqlIdentifiers.column("createdAt", createdAt);
            this.expiresAt = SqlIdentifiers.column("expiresAt", expiresAt);
            this.absoluteExpiresAt = SqlIdentifiers.column("absoluteExpiresAt", absoluteExpiresAt);
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
    }

    /** Reads the read replica, if there is one; when it cannot answer, the primary. */
    @Override
    public Optional<StoredSession> lookup(String id) {
        return lookups.preferReplica(id);
    }

    /** Reads the primary (T2). */
    @Override
    public Optional<StoredSession> lookupAuthoritative(String id) {
        return lookups.authoritative(id);
    }

    @Override
    public TouchResult touchIfPresent(String id, Instant newExpiry) {
        Objects.requireNonNull(newExpiry, "newExpiry");
        if (!SessionStore.isValidId(id)) {
            return TouchResult.GONE;
        }
        long now = clock.millis();
        long wanted = newExpiry.toEpochMilli();
        return transactions.call(dataSource, "touch a session", c -> sessions.touch(c, id, now, wanted));
    }

    @Override
    public void delete(String id) {
        deleteIfPresent(id);
    }

    // The row count of the one DELETE: the row lock lets only one of racing deletes, on any node, count the row.
    @Override
    public boolean deleteIfPresent(String id) {
        return SessionStore.isValidId(id)
                && transactions.call(dataSource, "delete a session", c -> sessions.delete(c, id)) > 0;
    }

    /**
     * @throws IllegalArgumentException if {@code id} is not valid, or a live record with this id exists
     */
    @Override
    public void create(String id, StoredSession session) {
        SessionStore.checkCreate(id, session);
        try {
            transactions.run(dataSource, "create a session", c -> sessions.create(c, id, session, clock.millis()));
        } catch (SQLException e) {
            if (JdbcFailures.isDuplicateKey(e)) {
                // Not chained: drivers put the duplicate key's value, the session id, into their messages.
                throw new IllegalArgumentException("A session with this id already exists in " + table);
            }
            throw transactions.failure("create a session", e);
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
        return transactions.call(dataSource, "purge expired sessions", c -> sessions.purge(c, clock.millis()));
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
        TableCheck.check(transactions, sessions, dataSource, "check the session table");
        if (readDataSource != dataSource) {
            TableCheck.check(transactions, sessions, readDataSource, "check the session table on the read replica");
        }
    }

    @Override
    public String toString() {
        return "JdbcSessionStore[" + table + (readDataSource != dataSource ? ", with a read replica" : "") + "]";
    }
}
