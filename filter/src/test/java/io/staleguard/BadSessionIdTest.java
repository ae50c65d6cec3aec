package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.BadIds;
import io.staleguard.testing.Database;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RawResponse;

/**
 * Bad input: session ids with quotes, semicolons, control characters, 4 KB of text and SQL metacharacters, through the
 * whole chain (rolling, detection on an interaction path, logout) on every store. Never interpolated into SQL (the
 * other session's row survives), never a 500, never logged raw.
 */
@DisplayName("Bad input: crafted session ids through rolling, detection and logout, on every store")
class BadSessionIdTest {

    static final String TABLE = Database.table("wt_rolling_bad");

    enum Store {
        MEMORY, H2, POSTGRES, MARIADB
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Store.class)
    @DisplayName("R2, R3, B2, S1: crafted ids never reach SQL text, never cause a 500, are never logged")
    void craftedIds(Store kind) throws Exception {
        Database db = kind == Store.MEMORY ? null : Database.valueOf(kind.name());
        HikariDataSource pool = null;
        SessionStore store;
        if (db == null) {
            store = new InMemorySessionStore();
        } else {
            db.require();
            pool = db.pool("wt_rolling_bad", 2);
            db.recreate(pool, TABLE);
            store = JdbcSessionStore.builder(pool).table(TABLE).build();
        }
        String victim = "victim-session";
        store.create(victim, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        try (LogCapture logs = new LogCapture();
                RollingApp app = RollingApp.start(store, "rolling", "true", "interaction-paths", "/consent/*")) {
            for (String bad : BadIds.ALL) {
                RawResponse page = app.run(RollingApp.withSession("/page", bad), RollingApp.ok());
                assertEquals(200, page.getStatus());
                assertTrue(page.setCookies(COOKIE).isEmpty(), "no refreshed cookie for an id no store holds");

                RawResponse consent = app.run(RollingApp.navigate("/consent/confirm", COOKIE, bad),
                        RollingApp.ok());
                assertEquals(303, consent.getStatus(), "an unknown session on an interaction path is recovered");

                RawResponse logout = app.run(RollingApp.withSession("/logout", bad), RollingApp.logout());
                assertEquals(200, logout.getStatus());
                for (String header : logout.headers("Set-Cookie")) {
                    assertFalse(header.contains(BadIds.CANARY), "never echoed into a header: " + header.length());
                }
            }
            assertTrue(store.lookup(victim).isPresent(), "the other session survived every crafted id");
            if (pool != null) {
                assertEquals(1, Database.rows(pool, TABLE), "and nothing else was written");
            }
            assertFalse(logs.all().contains(BadIds.CANARY), "E2: session ids are never logged");
            for (SessionEnded e : app.events) {
                assertFalse(String.valueOf(e.sessionIdHash()).contains(BadIds.CANARY));
            }
            assertEquals(2 * BadIds.ALL.size(), app.events.size(), "one recovery and one logout each");
        } finally {
            if (pool != null) {
                db.drop(pool, TABLE);
                pool.close();
            }
        }
    }
}
