package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static io.staleguard.RollingApp.navigate;
import static io.staleguard.RollingApp.ok;
import static io.staleguard.RollingApp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.CountingStore;
import io.staleguard.testing.Database;
import io.staleguard.testing.MutableClock;

/**
 * Issue 12, item 6 (B2, R2, L1): however many session cookies a request carries, the store work it causes is bounded:
 * only the first two ids are looked up, touched or deleted.
 */
@DisplayName("Bounded store work per request (issue 12 item 6)")
class StoreWorkBoundTest {

    /** Six session cookies, none of them alive: the most work a crafted request could ask for. */
    private static final String[] SIX_GONE = {COOKIE, "g1", COOKIE, "g2", COOKIE, "g3", COOKIE, "g4", COOKIE, "g5",
        COOKIE, "g6"};

    final MutableClock clock = MutableClock.atNow();
    RollingApp app;
    HikariDataSource pool;

    @AfterEach
    void close() throws Exception {
        if (app != null) {
            app.close();
        }
        if (pool != null) {
            Database.H2.drop(pool, TABLE);
            pool.close();
        }
    }

    private static final String TABLE = Database.table("wt_rolling_bound");

    @Test
    @DisplayName("B2 R2 L1 (issue 12 item 6): store work per request is bounded: 2 touches, 2+2 lookups, 2 deletes")
    void storeWorkPerRequestIsBounded() throws Exception {
        CountingStore store = new CountingStore(new InMemorySessionStore());

        app = RollingApp.start(store, "rolling", "true");
        app.run(request("/page", SIX_GONE), ok());
        assertEquals(2, store.touches.get(), "rolling: one touch per id, the first two ids only");
        assertEquals(2, store.calls());
        app.close();

        store.reset();
        app = RollingApp.start(store, "interaction-paths", "/consent/*");
        app.run(navigate("/consent/confirm", SIX_GONE), ok());
        assertEquals(2, store.lookups.get(), "detection: the first two ids");
        assertEquals(2, store.authoritativeLookups.get(), "and their confirmation on the primary (T2)");
        assertEquals(4, store.calls());

        store.reset();
        app.run(request("/logout", SIX_GONE), RollingApp.logout());
        assertEquals(2, store.deletes.get(), "logout: the first two ids");
    }

    @Test
    @DisplayName("B2 R2 (issue 12 item 6): a rolling request with six gone ids costs JdbcSessionStore 6 statements, not 12")
    void jdbcStatementsPerRequestAreBounded() throws Exception {
        pool = Database.H2.pool("wt_rolling_bound", 2);
        Database.H2.recreate(pool, TABLE);
        AtomicInteger statements = new AtomicInteger();
        JdbcSessionStore store = JdbcSessionStore.builder(counting(pool, statements)).table(TABLE).build();
        String live = "live-" + System.nanoTime();
        store.create(live, StoredSession.startingAt(clock.instant(), Duration.ofMinutes(30), Duration.ofHours(12)));

        app = RollingApp.start(store, "rolling", "true");
        statements.set(0);
        app.run(request("/page", SIX_GONE), ok());
        assertEquals(6, statements.get(), "two gone ids, each UPDATE + UPDATE + SELECT");

        statements.set(0);
        app.run(request("/page", COOKIE, "g1", COOKIE, live, COOKIE, "g2"), ok());
        assertEquals(4, statements.get(), "a gone id, then the live one: three statements plus one, then stop");
    }

    /** {@code pool}, counting every statement prepared on its connections. */
    private static DataSource counting(DataSource pool, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(StoreWorkBoundTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    if (!(result instanceof Connection real)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(StoreWorkBoundTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().startsWith("prepare")) {
                                    statements.incrementAndGet();
                                }
                                return invoke(real, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
