package io.staleguard.race;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.zaxxer.hikari.HikariDataSource;

import io.staleguard.store.InMemorySessionStore;
import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import io.staleguard.testing.Database;

/**
 * Incident 2, per store: {@value #REQUESTS} concurrent rolling requests racing a logout, {@code ROUNDS} times (1,000 by
 * default; {@code -Dstaleguard.race.rounds=N} to change). A real store must revive no session, ever; the same harness
 * on the two foils (read-then-write, and upsert) must see revivals, or it could not see the race at all. The foils run
 * the same number of rounds ({@code -Dstaleguard.race.foil-rounds=N} to shorten a local run: they revive sessions in a
 * large share of rounds). About 100 s on a 2-core machine with PostgreSQL and MariaDB on it.
 */
@DisplayName("R2, R3 race: 64 rolling requests racing a logout, per store: zero revived sessions")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingRaceTest {

    static final int REQUESTS = RaceHarness.REQUESTS;
    static final int ROUNDS = RaceHarness.ROUNDS;
    static final int FOIL_ROUNDS = RaceHarness.FOIL_ROUNDS;
    static final int POOL = 16;

    final List<String> summary = new CopyOnWriteArrayList<>();
    RaceHarness harness;
    long suiteStart;

    @BeforeAll
    void start() {
        harness = new RaceHarness(REQUESTS);
        suiteStart = System.nanoTime();
    }

    @AfterAll
    void report() {
        harness.close();
        System.out.printf(Locale.ROOT, "%n=== Rolling race: %d concurrent rolling requests + 1 logout per round, %d rounds "
                + "per store, %d per foil; %.1f s ===%n", REQUESTS, ROUNDS, FOIL_ROUNDS,
                (System.nanoTime() - suiteStart) / 1e9);
        summary.forEach(System.out::println);
    }

    /** Runs the real store and both foils, prints one line, and asserts. */
    void race(String name, SessionStore real, Predicate<String> realPresent, SessionStore readThenWrite,
            SessionStore upsert, Predicate<String> foilPresent) throws Exception {
        summary.add(harness.race(name, real, realPresent, readThenWrite, upsert, foilPresent));
    }

    @Test
    @Order(1)
    @DisplayName("R2, R3: InMemorySessionStore revives nothing; the foils do")
    void memory() throws Exception {
        InMemorySessionStore real = new InMemorySessionStore();
        Foils.MapStore map = new Foils.MapStore();
        race("memory", real, id -> real.lookup(id).isPresent(), Foils.readThenWrite(map), Foils.upsert(map), map::holds);
    }

    @Test
    @Order(2)
    @DisplayName("R2, R3: JdbcSessionStore on H2 revives nothing; the foils do")
    void h2() throws Exception {
        jdbc(Database.H2);
    }

    @Test
    @Order(3)
    @DisplayName("R2, R3: JdbcSessionStore on PostgreSQL revives nothing; the foils do")
    void postgres() throws Exception {
        jdbc(Database.POSTGRES);
    }

    @Test
    @Order(4)
    @DisplayName("R2, R3: JdbcSessionStore on MariaDB revives nothing; the foils do")
    void mariadb() throws Exception {
        jdbc(Database.MARIADB);
    }

    void jdbc(Database db) throws Exception {
        db.require();
        String table = Database.table("wt_rolling_race");
        try (HikariDataSource pool = db.pool("wt_rolling_race", POOL)) {
            db.recreate(pool, table);
            try {
                JdbcSessionStore real = JdbcSessionStore.builder(pool).table(table).build();
                Foils.Saving saving = Foils.jdbc(real, pool, db, table);
                Predicate<String> present = id -> {
                    try {
                        return Database.rows(pool, table, id) > 0;
                    } catch (SQLException e) {
                        throw new AssertionError(e);
                    }
                };
                race(db.name().toLowerCase(Locale.ROOT), real, present, Foils.readThenWrite(saving),
                        Foils.upsert(saving), present);
            } finally {
                db.drop(pool, table);
            }
        }
    }
}
