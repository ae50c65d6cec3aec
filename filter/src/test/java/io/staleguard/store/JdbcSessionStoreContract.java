package io.staleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.store.SessionStore.TouchResult;
import io.staleguard.testing.Database;
import io.staleguard.testing.MutableClock;
import io.staleguard.testing.TestJndi;

/**
 * S1 and S2 for {@link JdbcSessionStore}, run on each database: the tables are created with the README's DDL.
 * PostgreSQL and MariaDB must be running when CI is set; elsewhere their tests are skipped with a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcSessionStoreContract extends SessionStoreContract {

    static final String TABLE = Database.table("wt_rolling_store");
    static final String CUSTOM = Database.table("wt_rolling_custom");

    final Database db;
    HikariDataSource pool;

    JdbcSessionStoreContract(Database db) {
        this.db = db;
    }

    @BeforeAll
    void pool() {
        db.require();
        pool = db.pool("wt_rolling_store", 4);
    }

    @AfterAll
    void close() throws SQLException {
        if (pool != null) {
            db.drop(pool, TABLE);
            db.drop(pool, CUSTOM);
            pool.close();
        }
    }

    @Override
    protected SessionStore newStore(MutableClock clock) throws SQLException {
        db.recreate(pool, TABLE);
        return TestStores.jdbc(pool, TABLE, clock);
    }

    /** Every SQL string the store prepares. */
    final List<String> prepared = new CopyOnWriteArrayList<>();

    /** {@code pool}, recording what is prepared and letting {@code onPrepare} throw instead. */
    DataSource recording(Consumer<String> onPrepare) {
        InvocationHandler connections = (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                Connection real = pool.getConnection();
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (p, m, a) -> {
                            if (m.getName().startsWith("prepare")) {
                                prepared.add((String) a[0]);
                                onPrepare.accept((String) a[0]);
                            }
                            try {
                                return m.invoke(real, a);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
            try {
                return method.invoke(pool, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                connections);
    }

    @Test
    @DisplayName("S2: a touch is one conditional UPDATE … WHERE id = ? AND expires_at > ?: never an insert, merge or upsert")
    void touchIsOneConditionalUpdate() {
        String id = create();
        SessionStore recorded = TestStores.jdbc(recording(sql -> { }), TABLE, clock);
        prepared.clear();
        assertTrue(recorded.touchIfPresent(id, clock.instant().plus(INACTIVITY)).isTouched());
        assertEquals(List.of("UPDATE " + TABLE + " SET expires_at = ? WHERE id = ? AND expires_at > ? "
                + "AND absolute_expires_at >= ?"), prepared, "a live session costs exactly one statement");

        prepared.clear();
        store.delete(id);
        assertEquals(TouchResult.GONE, recorded.touchIfPresent(id, clock.instant().plus(INACTIVITY)));
        for (String sql : prepared) {
            String upper = sql.toUpperCase(Locale.ROOT);
            assertTrue(upper.startsWith("UPDATE ") || upper.startsWith("SELECT "), sql);
            assertFalse(upper.contains("INSERT") || upper.contains("MERGE") || upper.contains("CONFLICT")
                    || upper.contains("DUPLICATE") || upper.contains("REPLACE"), sql);
            if (upper.startsWith("UPDATE ")) {
                assertTrue(upper.contains("WHERE ID = ? AND EXPIRES_AT > ?"), sql);
            }
        }
        assertEquals(0, rows(id), "and nothing was written back");
    }

    @Test
    @DisplayName("S2 (issue 12 item 3): with autoCommit=false connections, create, touch and delete really change the row")
    void autoCommitFalseConnectionsChangeTheRow() throws SQLException {
        try (HikariDataSource manual = db.nonAutoCommitPool("wt_rolling_store", 2)) {
            SessionStore onManual = TestStores.jdbc(manual, TABLE, clock);
            String id = "manual-" + System.nanoTime();
            onManual.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
            assertEquals(1, rows(id), "create: the row is there for every other connection");

            clock.advance(Duration.ofMinutes(10));
            Instant wanted = clock.instant().plus(INACTIVITY);
            assertEquals(TouchResult.touched(wanted), onManual.touchIfPresent(id, wanted));
            assertEquals(wanted, store.lookupAuthoritative(id).orElseThrow().expiresAt(),
                    "touch: TOUCHED means the expiry moved");

            onManual.delete(id);
            assertEquals(0, rows(id), "delete: a logout really removes the record");
            assertEquals(TouchResult.GONE, onManual.touchIfPresent(id, wanted));

            String duplicate = create();
            assertThrows(IllegalArgumentException.class, () -> onManual.create(duplicate,
                    StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE)));
            assertTrue(onManual.lookup(duplicate).isPresent(), "a failed create is rolled back and leaves the live one");
        }
    }

    @Test
    @DisplayName("S2 (issue 12 item 3): inside a JTA transaction the store neither commits nor rolls back; its owner does")
    void insideAJtaTransactionTheOwnerCommits() throws SQLException {
        int[] status = {TransactionSynchronizationRegistry.STATUS_ACTIVE};
        TransactionSynchronizationRegistry registry = () -> status[0];
        TestJndi.install();
        TestJndi.BINDINGS.put("java:comp/TransactionSynchronizationRegistry", registry);
        JtaTransactions.forget();
        try (HikariDataSource manual = db.nonAutoCommitPool("wt_rolling_store", 1)) {
            SessionStore onManual = TestStores.jdbc(manual, TABLE, clock);
            String id = "in-jta-" + System.nanoTime();
            onManual.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
            assertEquals(0, rows(id), "not committed by the store: the transaction was rolled back (by the pool here)");

            status[0] = TransactionSynchronizationRegistry.STATUS_NO_TRANSACTION;
            onManual.create(id, StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
            assertEquals(1, rows(id), "outside a transaction the store commits what it wrote");
        } finally {
            TestJndi.uninstall();
            JtaTransactions.forget();
        }
    }

    int rows(String id) {
        try {
            return Database.rows(pool, TABLE, id);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("S2: table and column names are configurable, and the table may hold more columns")
    void configurableNames() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + CUSTOM);
            s.execute("CREATE TABLE " + CUSTOM + " (sid VARCHAR(255) NOT NULL PRIMARY KEY, born BIGINT NOT NULL, "
                    + "dies BIGINT NOT NULL, dies_at_most BIGINT NOT NULL, payload VARCHAR(100))");
        }
        SessionStore custom = JdbcSessionStore.builder(pool).table(CUSTOM)
                .columns("sid", "born", "dies", "dies_at_most").clock(clock).build();
        ((JdbcSessionStore) custom).checkTable();
        custom.create("abc", StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE));
        assertTrue(custom.lookup("abc").isPresent());
        assertTrue(custom.touchIfPresent("abc", clock.instant().plus(INACTIVITY)).isTouched());
        custom.delete("abc");
        assertEquals(TouchResult.GONE, custom.touchIfPresent("abc", clock.instant().plus(INACTIVITY)));
    }

    @Test
    @DisplayName("S2: table and column names that are not plain identifiers are refused")
    void identifiersChecked() {
        JdbcSessionStore.Builder b = JdbcSessionStore.builder(pool);
        for (String bad : List.of("x; DROP TABLE y", "x y", "\"quoted\"", "a.b.c", "", "1abc", "x--")) {
            assertThrows(IllegalArgumentException.class, () -> b.table(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> b.columns("s.id", "c", "e", "a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.columns("id", "c", "e", "a OR 1=1"));
        assertTrue(e.getMessage().startsWith("SG0220 The absoluteExpiresAt name must be a plain SQL identifier"),
                e.getMessage());
        b.table("public_x.wt_rolling_t");
    }

    @Test
    @DisplayName("S2, T1: a closed pool makes every method throw StoreUnavailableException, never 'not found'")
    void closedPool() {
        HikariDataSource closed = db.pool("wt_rolling_store", 1);
        closed.close();
        JdbcSessionStore s = TestStores.jdbc(closed, TABLE, clock);
        Instant wanted = clock.instant().plus(INACTIVITY);
        StoredSession session = StoredSession.startingAt(clock.instant(), INACTIVITY, ABSOLUTE);
        assertThrows(StoreUnavailableException.class, () -> s.lookup("x"));
        assertThrows(StoreUnavailableException.class, () -> s.lookupAuthoritative("x"));
        assertThrows(StoreUnavailableException.class, () -> s.touchIfPresent("x", wanted));
        assertThrows(StoreUnavailableException.class, () -> s.delete("x"));
        assertThrows(StoreUnavailableException.class, () -> s.deleteIfPresent("x"));
        assertThrows(StoreUnavailableException.class, () -> s.create("x", session));
        assertThrows(StoreUnavailableException.class, s::purgeExpired);
    }

    @Test
    @DisplayName("S2, T1: connection failures, timeouts, deadlocks and admin shutdowns are transient; a missing table is not")
    void transientMapping() {
        String id = create();
        Instant wanted = clock.instant().plus(INACTIVITY);
        List<SQLException> transients = List.of(new SQLTransientConnectionException("pool exhausted"),
                new SQLTimeoutException("statement timeout"), new SQLException("connection reset", "08006"),
                new SQLException("serialization failure", "40001"), new SQLException("deadlock", "40P01"),
                new SQLException("terminating connection due to administrator command", "57P01"),
                new SQLException("canceling statement due to statement timeout", "57014"),
                new SQLException("too many connections", "53300"),
                new SQLException("wrapped", "XX000", new java.net.SocketException("broken pipe")));
        for (SQLException failure : transients) {
            SessionStore failing = TestStores.jdbc(recording(sql -> sneakyThrow(failure)), TABLE, clock);
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> failing.touchIfPresent(id, wanted), failure.toString());
            assertFalse(e.getMessage().contains(id), e.getMessage());
            assertThrows(StoreUnavailableException.class, () -> failing.lookup(id));
            assertThrows(StoreUnavailableException.class, () -> failing.delete(id));
        }
        assertTrue(store.lookup(id).isPresent(), "nothing was deleted");

        SessionStore missing = TestStores.jdbc(pool, "wt_rolling_missing", clock);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> missing.lookup(id));
        assertTrue(e.getMessage().contains("wt_rolling_missing"), e.getMessage());
        assertInstanceOf(SQLException.class, e.getCause());
        assertThrows(IllegalStateException.class, () -> missing.touchIfPresent(id, wanted));
        IllegalStateException atStart = assertThrows(IllegalStateException.class,
                ((JdbcSessionStore) missing)::checkTable);
        assertTrue(atStart.getMessage().startsWith("SG0211 JdbcSessionStore"), atStart.getMessage());
    }

    @Test
    @DisplayName("S2: purgeExpired deletes expired rows only")
    void purge() {
        String old = create();
        clock.advance(Duration.ofMinutes(20));
        String live = create();
        clock.advance(Duration.ofMinutes(10));
        assertEquals(1, ((JdbcSessionStore) store).purgeExpired());
        assertEquals(0, rows(old));
        assertEquals(1, rows(live));
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }
}
