package io.staleguard.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    static final int REQUESTS = 64;
    static final int ROUNDS = Integer.getInteger("staleguard.race.rounds", 1000);
    static final int FOIL_ROUNDS = Integer.getInteger("staleguard.race.foil-rounds", ROUNDS);
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
        RaceHarness.Outcome naive = harness.run(name + " read-then-write", readThenWrite, foilPresent, FOIL_ROUNDS);
        RaceHarness.Outcome upserting = harness.run(name + " upsert", upsert, foilPresent, FOIL_ROUNDS);
        RaceHarness.Outcome guarded = harness.run(name, real, realPresent, ROUNDS);
        String line = String.format(Locale.ROOT,
                "revived: %-8s naive=%s upsert=%s staleguard=%s | late refreshes: naive=%d upsert=%d staleguard=%d"
                        + " | staleguard touched=%d gone=%d | %.1f s + %.1f s + %.1f s",
                name, naive.revivedText(), upserting.revivedText(), guarded.revivedText(), naive.lateRefreshes(),
                upserting.lateRefreshes(), guarded.lateRefreshes(), guarded.touched(), guarded.gone(),
                naive.millis() / 1e3, upserting.millis() / 1e3, guarded.millis() / 1e3);
        System.out.println(line);
        summary.add(line);
        assertEquals(0, guarded.revived(), "R2: sessions revived by a rolling request after the logout committed");
        assertEquals(0, guarded.lateRefreshes(), "R3: refreshed cookies sent for requests that began after the logout");
        assertTrue(guarded.touched() > 0 && guarded.gone() > 0,
                "the logout must land in the middle of the requests: " + guarded);
        assertTrue(naive.revived() > 0, "the harness must see the read-then-write foil revive sessions: " + naive);
        assertTrue(upserting.revived() > 0, "the harness must see the upsert foil revive sessions: " + upserting);
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
        String table = "wt_rolling_race";
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
