package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static io.staleguard.RollingApp.ok;
import static io.staleguard.RollingApp.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariDataSource;
import io.staleguard.internal.ops.Counter;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.StoreUnavailableException;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.Database;
import io.staleguard.testing.RawResponse;
import io.staleguard.testing.TcpProxy;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * R4, T1: the store going away mid-flow, for real: a closed connection pool, and a TCP proxy that cuts every connection
 * to the database. Nothing is deleted, no cookie is written or expired, no event fires, requests proceed; and rolling
 * resumes when the store is back.
 */
@DisplayName("R4, T1: store unavailable mid-request: no cookie, no deletion, the request proceeds")
class StoreFaultTest {

    static final String TABLE = Database.table("wt_rolling_fault");

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.class)
    @DisplayName("R4: the pool closed under a running application")
    void poolClosed(Database db) throws Exception {
        db.require();
        try (HikariDataSource admin = db.pool("wt_rolling_fault", 1)) {
            db.recreate(admin, TABLE);
            HikariDataSource pool = db.pool("wt_rolling_fault", 2);
            JdbcSessionStore store = JdbcSessionStore.builder(pool).table(TABLE).build();
            String id = live(store);
            try (RollingApp app = RollingApp.start(store, "rolling", "true", "interaction-paths", "/consent/*")) {
                assertEquals(1, app.run(withSession("/page", id), ok()).setCookies(COOKIE).size(), "rolling works");
                pool.close();

                RawResponse page = app.run(withSession("/page", id), ok());
                assertEquals(200, page.getStatus());
                assertEquals("ok", page.body());
                assertTrue(page.headers("Set-Cookie").isEmpty(), page.headers("Set-Cookie").toString());

                RawResponse consent = app.run(RollingApp.navigate("/consent/x", COOKIE, id), ok());
                assertEquals(200, consent.getStatus(), "T1: not taken for a gone session");
                assertTrue(consent.headers("Set-Cookie").isEmpty());

                RawResponse logout = app.run(withSession("/logout", id), wrapping(RollingApp.logout()));
                assertEquals(503, logout.getStatus(), "T1: on-unavailable=retry-later");
                assertTrue(logout.headers("Set-Cookie").isEmpty());
                assertTrue(app.events.isEmpty(), "no SessionEnded");
                assertEquals(1, Database.rows(admin, TABLE, id), "no row deleted");
            } finally {
                db.drop(admin, TABLE);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Database.class, names = {"POSTGRES", "MARIADB"})
    @DisplayName("R4: every connection to the database cut, mid-request and between requests; then it comes back")
    void connectionsCut(Database db) throws Exception {
        db.require();
        try (HikariDataSource admin = db.pool("unused", 1); TcpProxy proxy = new TcpProxy("127.0.0.1", port(db))) {
            db.recreate(admin, TABLE);
            HikariDataSource pool = db.poolOn(db.url("unused", proxy.port()), 2);
            pool.setConnectionTimeout(1000);
            JdbcSessionStore store = JdbcSessionStore.builder(pool).table(TABLE).build();
            String id = live(store);
            try (RollingApp app = RollingApp.start(store, "rolling", "true"); pool) {
                // Mid-request: the touch succeeded, then the network fails before the application's logout.
                RawResponse first = app.run(withSession("/logout", id), (req, res) -> {
                    proxy.drop();
                    Staleguard.logout(req, res);
                });
                assertEquals(503, first.getStatus(), "T1: on-unavailable=retry-later");
                assertTrue(first.setCookies(COOKIE).isEmpty(), "the 503 replaces the response: no expiry was written");
                assertTrue(app.events.isEmpty());
                assertEquals(1, Database.rows(admin, TABLE, id), "no row deleted");

                RawResponse during = app.run(withSession("/page", id), ok());
                assertEquals(200, during.getStatus());
                assertEquals("ok", during.body());
                assertTrue(during.headers("Set-Cookie").isEmpty());

                proxy.heal();
                RawResponse after = app.run(withSession("/page", id), ok());
                assertEquals(1, after.setCookies(COOKIE).size(), "rolling resumes when the store is back");
                assertTrue(app.counters().get(Counter.UNAVAILABLE) >= 2);
            } finally {
                db.drop(admin, TABLE);
            }
        }
    }

    static int port(Database db) {
        return db == Database.POSTGRES ? 5432 : 3306;
    }

    static String live(JdbcSessionStore store) {
        String id = "fault-" + System.nanoTime();
        store.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }

    /** An application whose framework wraps what it throws, as servlets and JAX-RS do. */
    static RollingApp.App wrapping(RollingApp.App app) {
        return (req, res) -> {
            try {
                app.handle(req, res);
            } catch (StoreUnavailableException e) {
                throw new ServletException("request failed", e);
            }
        };
    }
}
