package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.Database;
import io.staleguard.testing.RawResponse;
import io.staleguard.testing.TcpProxy;

/**
 * Incident 4 on PostgreSQL, by fault injection: a {@link TcpProxy} between the pool and the real server cuts or stalls
 * every connection (T1, R4), a read replica that has not yet received a new session (T2), and a session that really is
 * gone (T3). Prints the fault table. The server itself is never stopped or reconfigured.
 */
@DisplayName("T1, T2, T3 on PostgreSQL: store outages and replica lag sign nobody out; a real 'gone' cleans up at once")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcFaultInjectionTest {

    static final String TABLE = Database.table("wt_transient_fault");
    /** The "replica": the same table name in another schema, which PostgreSQL finds through currentSchema. */
    static final String REPLICA_SCHEMA = Database.table("wt_transient_replica");
    /** Client timeouts: socket and pool; the delay fault holds bytes far longer. */
    static final int TIMEOUT_SECONDS = 1;

    final FaultDrill.Table table = new FaultDrill.Table();
    HikariDataSource admin;
    TcpProxy proxy;
    HikariDataSource pool;
    JdbcSessionStore store;
    FaultDrill drill;

    @BeforeAll
    void start() throws Exception {
        Database.POSTGRES.require();
        admin = Database.POSTGRES.pool("unused", 2);
        Database.POSTGRES.recreate(admin, TABLE);
        proxy = new TcpProxy("127.0.0.1", 5432);
        pool = proxied(proxy.port(), null);
        store = JdbcSessionStore.builder(pool).table(TABLE).queryTimeout(Duration.ofSeconds(TIMEOUT_SECONDS)).build();
        drill = new FaultDrill(new FaultDrill.Target() {
            @Override
            public String name() {
                return "PostgreSQL";
            }

            @Override
            public SessionStore store() {
                return store;
            }

            @Override
            public TcpProxy proxy() {
                return proxy;
            }

            @Override
            public Duration beyondTimeout() {
                return Duration.ofSeconds(20);
            }

            @Override
            public boolean holds(String id) throws SQLException {
                return Database.rows(admin, TABLE, id) > 0;
            }
        });
    }

    /** A pool through the proxy with short client timeouts, as a production pool would have (but shorter). */
    static HikariDataSource proxied(int port, String schema) {
        HikariDataSource ds = Database.POSTGRES.poolOn("jdbc:postgresql://127.0.0.1:" + port + "/test?connectTimeout="
                + TIMEOUT_SECONDS + "&socketTimeout=" + TIMEOUT_SECONDS + "&cancelSignalTimeout=" + TIMEOUT_SECONDS
                + (schema == null ? "" : "&currentSchema=" + schema), 2);
        ds.setConnectionTimeout(TIMEOUT_SECONDS * 1000L);
        ds.setValidationTimeout(500);
        return ds;
    }

    @AfterAll
    void stop() throws Exception {
        table.print("Fault injection, PostgreSQL (JdbcSessionStore through a TCP proxy)");
        if (pool != null) {
            pool.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (admin != null) {
            Database.POSTGRES.drop(admin, TABLE);
            admin.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("T1, R4: connections cut mid-request and between requests: 0 sessions lost, 0 cookies expired, 0 events")
    void cut() throws Exception {
        table.add(drill.outage(FaultDrill.Fault.CUT));
    }

    @Test
    @Order(2)
    @DisplayName("T1, R4: every byte delayed beyond the client's timeout: 0 sessions lost, 0 cookies expired, 0 events")
    void delay() throws Exception {
        table.add(drill.outage(FaultDrill.Fault.DELAY));
    }

    @Test
    @Order(3)
    @DisplayName("T3: a session really gone, on a server-rendered page: cookie expired and one event in that response; no loop")
    void reallyGone() throws Exception {
        table.add(drill.reallyGone());
    }

    @Test
    @Order(4)
    @DisplayName("T2: a read replica that misses a just-created session: the primary confirms it, the user stays signed in")
    void replicaLag() throws Exception {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + REPLICA_SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + REPLICA_SCHEMA);
            s.execute(Database.POSTGRES.ddl(REPLICA_SCHEMA + "." + TABLE));
        }
        try (HikariDataSource replica = proxied(5432, REPLICA_SCHEMA)) {
            JdbcSessionStore withReplica = JdbcSessionStore.builder(pool).readReplica(replica).table(TABLE).build();
            // The replica has the table but not yet the session: the lag, frozen.
            String id = "lag-" + System.nanoTime();
            withReplica.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
            assertEquals(Optional.empty(), withReplica.lookup(id), "the replica lags");
            int requests = 0;
            int proceeded = 0;
            int expired = 0;
            int events;
            for (boolean rolling : new boolean[] {false, true}) {
                try (RollingApp app = RollingApp.start(withReplica, "rolling", Boolean.toString(rolling),
                        "interaction-paths", "/consent/*")) {
                    RawResponse consent = app.run(FaultDrill.navigate("/consent/x", id), RollingApp.ok());
                    requests++;
                    if (consent.getStatus() == 200) {
                        proceeded++;
                    }
                    expired += (int) consent.setCookies(RollingApp.COOKIE).stream().filter(FaultDrill::isExpiry).count();
                    events = app.events.size();
                    assertEquals(200, consent.getStatus(), "T2: 'not found' on the replica is confirmed on the primary");
                    assertEquals("ok", consent.body());
                    assertEquals(0, events, "no SessionEnded");
                    assertEquals(rolling ? 1 : 0, consent.setCookies(RollingApp.COOKIE).size(),
                            "rolling: the touch goes to the primary and refreshes the cookie; detection alone writes none");
                    assertTrue(consent.setCookies(RollingApp.COOKIE).stream().noneMatch(FaultDrill::isExpiry));
                }
            }
            assertEquals(1, Database.rows(admin, TABLE, id), "no row deleted");
            table.add(new FaultDrill.Row("PostgreSQL", "replica lag (T2)", 1, requests, 0, proceeded, 0, expired, 0, 0));

            // The foil: the same request against a store that takes the replica's word for it signs the user out,
            // so the test above would see a missing confirmation.
            SessionStore replicaOnly = JdbcSessionStore.builder(replica).table(TABLE).build();
            try (RollingApp app = RollingApp.start(replicaOnly, "interaction-paths", "/consent/*")) {
                RawResponse wrong = app.run(FaultDrill.navigate("/consent/x", id), RollingApp.ok());
                assertEquals(303, wrong.getStatus(), "the foil trusts the lagging replica");
                assertEquals(1, app.events.size());
            }
        } finally {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + REPLICA_SCHEMA + " CASCADE");
            }
        }
    }
}
