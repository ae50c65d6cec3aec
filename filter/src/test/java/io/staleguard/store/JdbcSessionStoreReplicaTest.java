package io.staleguard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.store.SessionStore.TouchResult;
import io.staleguard.testing.Database;

/**
 * T2 for {@link JdbcSessionStore} with a read replica, on two H2 databases (one the primary, one a replica that the
 * test fills, or not, by hand): lookups read the replica, everything that decides or changes anything goes to the
 * primary.
 */
@DisplayName("T2: JdbcSessionStore with a read replica: lookup reads the replica; lookupAuthoritative, touch, delete, create the primary")
class JdbcSessionStoreReplicaTest {

    static final String TABLE = "wt_transient_replica";

    HikariDataSource primary;
    HikariDataSource replica;
    JdbcSessionStore store;
    final Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    final StoredSession session = StoredSession.startingAt(now, Duration.ofMinutes(30), Duration.ofHours(12));

    @BeforeEach
    void databases() throws SQLException {
        primary = Database.H2.pool("wt_transient_primary", 2);
        replica = Database.H2.pool("wt_transient_replica", 2);
        Database.H2.recreate(primary, TABLE);
        Database.H2.recreate(replica, TABLE);
        store = JdbcSessionStore.builder(primary).readReplica(replica).table(TABLE).build();
    }

    @AfterEach
    void close() throws SQLException {
        Database.H2.drop(primary, TABLE);
        primary.close();
        if (!replica.isClosed()) {
            Database.H2.drop(replica, TABLE);
            replica.close();
        }
    }

    /** Writes a row straight into {@code ds}: the replica catching up, or a row the primary no longer has. */
    void insert(DataSource ds, String id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setLong(2, session.createdAt().toEpochMilli());
            s.setLong(3, session.expiresAt().toEpochMilli());
            s.setLong(4, session.absoluteExpiresAt().toEpochMilli());
            s.executeUpdate();
        }
    }

    @Test
    @DisplayName("T2: a session just created (on the primary) is not on the lagging replica: lookup misses it, lookupAuthoritative finds it")
    void lag() throws SQLException {
        store.create("new", session);
        assertEquals(1, Database.rows(primary, TABLE, "new"));
        assertEquals(0, Database.rows(replica, TABLE, "new"), "create writes the primary only");
        assertTrue(store.lookup("new").isEmpty(), "lookup reads the replica");
        assertTrue(store.lookupAuthoritative("new").isPresent(), "lookupAuthoritative reads the primary");
        insert(replica, "new");
        assertTrue(store.lookup("new").isPresent(), "the replica caught up");
    }

    @Test
    @DisplayName("T2: the touch goes to the primary: a row only the lagging replica still has is GONE and stays untouched")
    void touchOnPrimary() throws SQLException {
        insert(replica, "logged-out");
        assertTrue(store.lookup("logged-out").isPresent(), "the replica has not seen the logout yet");
        assertEquals(TouchResult.GONE, store.touchIfPresent("logged-out", now.plus(Duration.ofMinutes(30))),
                "the touch never reads a replica, so a lagging replica cannot revive a session");
        assertTrue(store.lookupAuthoritative("logged-out").isEmpty());

        store.create("live", session);
        Instant wanted = now.plus(Duration.ofMinutes(45));
        assertEquals(TouchResult.touched(wanted), store.touchIfPresent("live", wanted));
        assertEquals(wanted, store.lookupAuthoritative("live").orElseThrow().expiresAt());
    }

    @Test
    @DisplayName("T2: delete goes to the primary")
    void deleteOnPrimary() throws SQLException {
        store.create("bye", session);
        insert(replica, "bye");
        store.delete("bye");
        assertEquals(0, Database.rows(primary, TABLE, "bye"));
        assertEquals(1, Database.rows(replica, TABLE, "bye"), "a replica is written by replication, never by the store");
    }

    @Test
    @DisplayName("T2: when the replica cannot answer, lookups go to the primary")
    void replicaDown() {
        store.create("s", session);
        replica.close();
        assertTrue(store.lookup("s").isPresent());
    }

    @Test
    @DisplayName("T2: checkTable checks the replica too")
    void checkBoth() throws SQLException {
        store.checkTable();
        Database.H2.drop(replica, TABLE);
        IllegalStateException e = assertThrows(IllegalStateException.class, store::checkTable);
        assertTrue(e.getMessage().contains("read replica"), e.getMessage());
        assertEquals("JdbcSessionStore[" + TABLE + ", with a read replica]", store.toString());
    }
}
