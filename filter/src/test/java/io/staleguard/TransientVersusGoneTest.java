package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;
import io.staleguard.internal.ops.Counter;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.Database;
import io.staleguard.testing.RawResponse;
import io.staleguard.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * T1–T3 without a real server: the parts of incident 4 that every build must prove, also where PostgreSQL and Redis
 * are not running (the fault drills on them are {@code JdbcFaultInjectionTest} and {@code RedisFaultInjectionTest}).
 */
@DisplayName("T1, T2, T3: transient is not gone; gone is cleaned up once, in the same response")
class TransientVersusGoneTest {

    RollingApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    /** A store of the application's own whose driver fails with a transient exception, not Staleguard's. */
    static SessionStore failingWith(RuntimeException failure) {
        return new SessionStore() {
            @Override
            public Optional<StoredSession> lookup(String id) {
                throw failure;
            }

            @Override
            public TouchResult touchIfPresent(String id, Instant newExpiry) {
                throw failure;
            }

            @Override
            public void delete(String id) {
                throw failure;
            }
        };
    }

    @ParameterizedTest(name = "rolling={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("T1: a store failing with a transient-exceptions class (not StoreUnavailableException) is unavailable, never gone: the page is served")
    void ownStoreTransient(boolean rolling) throws Exception {
        app = RollingApp.start(failingWith(new IllegalStateException("driver", new SocketTimeoutException("read"))),
                "rolling", Boolean.toString(rolling), "interaction-paths", "/consent/*");
        RawResponse r = app.run(RollingApp.navigate("/consent/x", COOKIE, "s1"), RollingApp.ok());
        assertEquals(200, r.getStatus(), "T1, R4: detection and rolling proceed");
        assertEquals("ok", r.body());
        assertTrue(r.headers("Set-Cookie").isEmpty(), r.headers("Set-Cookie").toString());
        assertTrue(app.events.isEmpty());
        assertTrue(app.counters().get(Counter.UNAVAILABLE) >= 1);
    }

    @Test
    @DisplayName("T1: any other store failure is not hidden: it reaches the container, and ends nothing")
    void ownStoreBug() throws Exception {
        app = RollingApp.start(failingWith(new IllegalStateException("table missing")), "interaction-paths",
                "/consent/*");
        RawResponse r = new RawResponse();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> app.run(RollingApp.navigate("/consent/x", COOKIE, "s1"), r, RollingApp.ok()));
        assertEquals("table missing", e.getMessage());
        assertTrue(r.headers("Set-Cookie").isEmpty());
        assertTrue(app.events.isEmpty());
    }

    @Test
    @DisplayName("T3: a logout followed by a stale exception in the same request fires exactly one SessionEnded")
    void oneEventPerRequest() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore();
        store.create("s2", StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        app = RollingApp.start(store, "rolling", "true");
        RawResponse r = app.run(RollingApp.navigate("/account/close", COOKIE, "s2"), (req, res) -> {
            Staleguard.logout(req, res);
            Staleguard.logout(req, res);
            throw new SessionNotFoundException("the page looks the session up again and finds it gone");
        });
        assertEquals(303, r.getStatus());
        List<String> sid = r.setCookies(COOKIE);
        assertEquals(1, sid.size(), sid.toString());
        assertTrue(sid.get(0).startsWith(COOKIE + "=; Max-Age=0;"), sid.get(0));
        assertEquals(1, app.events.size(), "T3, E1: one cleanup, one event: " + app.events);
        assertEquals(EndReason.LOGGED_OUT, app.events.get(0).reason());
    }

    @Test
    @DisplayName("T3: a session really gone, on a server-rendered page (in-memory store): cookie expired and one event in that response; the next request is served")
    void reallyGoneInMemory() throws Exception {
        FaultDrill drill = new FaultDrill(target("memory", new InMemorySessionStore()));
        FaultDrill.Row row = drill.reallyGone();
        assertEquals(2, row.events());
    }

    @Test
    @DisplayName("T2: a read replica that misses a just-created session (H2): the primary confirms it, no cleanup")
    void replicaLag() throws Exception {
        String table = "wt_transient_lag";
        try (HikariDataSource primary = Database.H2.pool("wt_transient_lag_primary", 2);
                HikariDataSource replica = Database.H2.pool("wt_transient_lag_replica", 2)) {
            Database.H2.recreate(primary, table);
            Database.H2.recreate(replica, table);
            JdbcSessionStore store = JdbcSessionStore.builder(primary).readReplica(replica).table(table).build();
            store.create("lagging", StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30),
                    Duration.ofHours(12)));
            app = RollingApp.start(store, "interaction-paths", "/consent/*");
            RawResponse r = app.run(RollingApp.navigate("/consent/x", COOKIE, "lagging"), RollingApp.ok());
            assertEquals(200, r.getStatus(), "T2: confirmed on the primary before anything is cleaned up");
            assertTrue(r.headers("Set-Cookie").isEmpty());
            assertTrue(app.events.isEmpty());
            assertEquals(1, Database.rows(primary, table, "lagging"));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static FaultDrill.Target target(String name, SessionStore store) {
        return new FaultDrill.Target() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SessionStore store() {
                return store;
            }

            @Override
            public TcpProxy proxy() {
                throw new UnsupportedOperationException("no network to a store in this JVM");
            }

            @Override
            public Duration beyondTimeout() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean holds(String id) {
                return store.lookupAuthoritative(id).isPresent();
            }
        };
    }
}
