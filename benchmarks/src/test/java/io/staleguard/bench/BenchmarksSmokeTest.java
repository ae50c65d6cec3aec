package io.staleguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aNewReportKeepsTheHandWrittenSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("RESULTS.md");
        String summary = Report.SUMMARY_START + "\nIn words.\n" + Report.SUMMARY_END;
        Files.writeString(out, "# Old\n\n" + summary + "\n\nold tables\n");
        assertEquals("# New\n\n" + summary + "\n\nnew tables\n", Report.keepSummary(out, "# New\n\nnew tables\n"));
        Files.writeString(out, "# Old\n\nno summary\n");
        assertEquals("# New\n\nnew tables\n", Report.keepSummary(out, "# New\n\nnew tables\n"));
    }

    @Test
    void theReportNamesTheMachine() {
        String report = Report.run(Part.Mode.SMOKE, List.of("none"));
        assertTrue(report.contains("| Cores | " + Runtime.getRuntime().availableProcessors() + " |"), report);
        assertTrue(report.contains("| JDK | "), report);
    }
}
