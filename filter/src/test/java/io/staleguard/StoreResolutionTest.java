package io.staleguard;

import static io.staleguard.RollingApp.COOKIE;
import static io.staleguard.RollingApp.ok;
import static io.staleguard.RollingApp.withSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;

import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.internal.ApplicationRuntime;
import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import io.staleguard.testing.Database;
import io.staleguard.testing.RawResponse;
import io.staleguard.testing.TestJndi;
import io.staleguard.testing.TestStoreLocator;
import jakarta.servlet.ServletException;

@DisplayName("S3: where the store comes from: CDI bean, context attribute, store config, else the container")
class StoreResolutionTest {

    RollingApp app;

    @AfterEach
    void clean() {
        TestStoreLocator.bean = null;
        TestJndi.uninstall();
        if (app != null) {
            app.close();
        }
    }

    static String live(SessionStore store) {
        String id = "s" + System.nanoTime();
        store.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }

    SessionStore resolved() {
        return ApplicationRuntime.of(app.context).contextEngine().store();
    }

    @Test
    @DisplayName("S3: a CDI bean (StoreLocator) comes before the context attribute and the store key")
    void locatorFirst() throws Exception {
        InMemorySessionStore bean = new InMemorySessionStore();
        TestStoreLocator.bean = bean;
        app = RollingApp.start(new InMemorySessionStore(), "rolling", "true", "store", "memory");
        assertSame(bean, resolved());
        String id = live(bean);
        assertEquals(1, app.run(withSession("/p", id), ok()).setCookies(COOKIE).size(), "rolled in the bean");
    }

    @Test
    @DisplayName("S3: the context attribute comes before the store key")
    void attributeSecond() throws Exception {
        InMemorySessionStore attribute = new InMemorySessionStore();
        app = RollingApp.start(attribute, "rolling", "true", "store", "memory");
        assertSame(attribute, resolved());
    }

    @Test
    @DisplayName("S3: store=memory creates one in-memory store, shared by both filters, logout and the application")
    void memory() throws Exception {
        app = RollingApp.start(null, "rolling", "true", "store", "memory");
        SessionStore published = (SessionStore) app.context.getAttribute(SessionStore.ATTRIBUTE);
        assertInstanceOf(InMemorySessionStore.class, published);
        assertSame(published, resolved());
        String id = live(published);
        RawResponse rolled = app.run(withSession("/p", id), ok());
        assertEquals(1, rolled.setCookies(COOKIE).size());
        app.run(withSession("/logout", id), RollingApp.logout());
        assertTrue(published.lookup(id).isEmpty(), "logout deleted from the same store the rolling filter touched");
    }

    @Test
    @DisplayName("S3: store=jdbc:<JNDI name> looks the DataSource up with InitialContext and checks its table")
    void jdbc() throws Exception {
        try (HikariDataSource h2 = Database.H2.pool("wt_rolling_jndi", 2)) {
            Database.H2.recreate(h2, JdbcSessionStore.DEFAULT_TABLE);
            TestJndi.install();
            TestJndi.BINDINGS.put("java:comp/env/jdbc/sessions", h2);
            app = RollingApp.start(null, "rolling", "true", "store", "jdbc:java:comp/env/jdbc/sessions");
            SessionStore store = resolved();
            assertInstanceOf(JdbcSessionStore.class, store);
            String id = live(store);
            assertEquals(1, app.run(withSession("/p", id), ok()).setCookies(COOKIE).size());
            assertEquals(1, Database.rows(h2, JdbcSessionStore.DEFAULT_TABLE, id));
        }
    }

    @Test
    @DisplayName("S3: a JNDI name bound to nothing, or to something else, fails the deployment naming key and value")
    void jdbcNotFound() throws SQLException {
        TestJndi.install();
        TestJndi.BINDINGS.put("java:comp/env/not-a-ds", "a string");
        for (String value : new String[] {"jdbc:java:comp/env/jdbc/missing", "jdbc:java:comp/env/not-a-ds"}) {
            RollingApp unstarted = RollingApp.unstarted(null, "store", value);
            ServletException e = assertThrows(ServletException.class,
                    () -> unstarted.stale.init(new MockFilterConfig(unstarted.context, "staleguard")));
            assertTrue(e.getMessage().startsWith("SG0210 Staleguard configuration: context-param 'staleguard.store' "
                    + "is '" + value + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("For example: store=jdbc:"), e.getMessage());
        }
    }

    @Test
    @DisplayName("S3: a DataSource without the session table fails the deployment, pointing at the DDL")
    void jdbcWithoutTable() throws Exception {
        try (HikariDataSource h2 = Database.H2.pool("wt_rolling_jndi_empty", 1)) {
            TestJndi.install();
            TestJndi.BINDINGS.put("jdbc/empty", h2);
            RollingApp unstarted = RollingApp.unstarted(null, "store", "jdbc:jdbc/empty");
            ServletException e = assertThrows(ServletException.class,
                    () -> unstarted.stale.init(new MockFilterConfig(unstarted.context, "staleguard")));
            assertTrue(e.getMessage().startsWith("SG0211 Staleguard configuration: context-param 'staleguard.store' is "
                    + "'jdbc:jdbc/empty', but the data source cannot be used as the session store: JdbcSessionStore"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Check that the table and its columns exist"), e.getMessage());
            assertTrue(e.getMessage().contains(JdbcSessionStore.DEFAULT_TABLE), e.getMessage());
        }
    }

    @Test
    @DisplayName("S3: a malformed store value or a context attribute of the wrong type fails the deployment")
    void badValues() {
        for (String value : new String[] {"redis", "jdbc:", "jdbc:has space", "memory2"}) {
            RollingApp unstarted = RollingApp.unstarted(null, "store", value);
            ServletException e = assertThrows(ServletException.class,
                    () -> unstarted.stale.init(new MockFilterConfig(unstarted.context, "staleguard")), value);
            assertTrue(e.getMessage().startsWith("SG0200 Staleguard configuration: context-param 'staleguard.store'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("'memory' or 'jdbc:'"), e.getMessage());
        }
        RollingApp wrongType = RollingApp.unstarted(null);
        wrongType.context.setAttribute(SessionStore.ATTRIBUTE, "not a store");
        ServletException e = assertThrows(ServletException.class,
                () -> wrongType.stale.init(new MockFilterConfig(wrongType.context, "staleguard")));
        assertTrue(e.getMessage().startsWith("SG0202 Staleguard configuration: the servlet context attribute"),
                e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.String, which is not a SessionStore"), e.getMessage());
    }

    @Test
    @DisplayName("S3: nothing configured means container mode: no store, and rolling=true fails the deployment")
    void containerMode() throws Exception {
        app = RollingApp.start(null);
        assertNull(resolved());
        ServletException e = assertThrows(ServletException.class, () -> RollingApp.start(null, "rolling", "true"));
        assertTrue(e.getMessage().startsWith("SG0201 Staleguard configuration: rolling is true, but the application "
                + "has no session store"), e.getMessage());
    }
}
