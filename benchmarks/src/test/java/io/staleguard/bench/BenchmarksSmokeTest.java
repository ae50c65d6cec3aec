package io.staleguard.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.RealStores;

/**
 * The default build's proof that every benchmark still runs: each part for a few seconds, real stores and WildFly
 * included. It checks that each part produced its tables, never how fast anything was: numbers belong in
 * {@code RESULTS.md}, produced by the full run.
 */
class BenchmarksSmokeTest {

    @BeforeAll
    static void servers() {
        RealStores.require(RealStores.POSTGRES);
        RealStores.require(RealStores.REDIS);
    }

    @Test
    void everyPartRunsAndReports() throws Exception {
        for (Part part : Report.parts()) {
            Section section = part.run(Part.Mode.SMOKE);
            String name = part.getClass().getSimpleName();
            assertFalse(section.tables.isEmpty(), name + " reported no table");
            for (Table t : section.tables) {
                assertFalse(t.rows().isEmpty(), name + " reported an empty table:\n" + t.toMarkdown());
            }
            assertFalse(section.targets.isEmpty(), name + " held nothing against the issue's targets");
            System.out.println(section.toMarkdown());
        }
    }

    @Test
    void theReportNamesTheMachine() {
        String report = Report.run(Part.Mode.SMOKE, List.of("none"));
        assertTrue(report.contains("| Cores | " + Runtime.getRuntime().availableProcessors() + " |"), report);
        assertTrue(report.contains("| JDK | "), report);
    }
}
