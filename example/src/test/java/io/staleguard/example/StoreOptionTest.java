package io.staleguard.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.example.outage.OutageSwitchStore;
import io.staleguard.store.StoredSession;

/** The example's choice of session store: {@code -Dexample.store=memory} (the default) or {@code h2}. */
class StoreOptionTest {

    @Test
    @DisplayName("Without the property, or with memory, the example keeps sessions in an InMemorySessionStore")
    void memoryByDefault() {
        for (String option : new String[] {null, "", "memory", " MEMORY "}) {
            OutageSwitchStore store = ExampleApp.openStore(option, name -> {
                throw new AssertionError("no JNDI lookup for " + option);
            }, Clock.systemUTC());
            assertTrue(store.toString().contains("InMemorySessionStore"), option + ": " + store);
        }
    }

    @Test
    @DisplayName("S2: with h2, the example creates the table in WildFly's ExampleDS and keeps sessions there with a "
            + "JdbcSessionStore; opening it again (a redeploy) keeps the rows")
    void h2() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:wt_tour_example_store;DB_CLOSE_DELAY=-1");
        String[] asked = new String[1];
        OutageSwitchStore store = ExampleApp.openStore("h2", name -> {
            asked[0] = name;
            return h2;
        }, Clock.systemUTC());

        assertEquals("java:jboss/datasources/ExampleDS", asked[0]);
        assertTrue(store.toString().contains("JdbcSessionStore"), store.toString());
        store.create("wt-tour-1", StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(1)));
        assertTrue(store.lookup("wt-tour-1").isPresent());
        assertTrue(store.touchIfPresent("wt-tour-1", Instant.now().plusSeconds(60)).isTouched());

        OutageSwitchStore again = ExampleApp.openStore("h2", name -> h2, Clock.systemUTC());
        assertTrue(again.lookup("wt-tour-1").isPresent(), "CREATE TABLE IF NOT EXISTS kept the row");
        assertEquals(1, rows(h2));
    }

    @Test
    @DisplayName("A bad value fails the deployment with a message naming the property, the value and a good example")
    void badValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleApp.openStore("redis", name -> null, Clock.systemUTC()));

        assertTrue(e.getMessage().contains("example.store"), e.getMessage());
        assertTrue(e.getMessage().contains("'redis'"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dexample.store=h2"), e.getMessage());
    }

    private static int rows(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM staleguard_session")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
