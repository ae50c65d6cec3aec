package io.staleguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The end-to-end part in SMOKE mode against a real WildFly: checks what must hold whatever the timing, never a
 * number. Every response was 200; every guarded response carried the refreshed SID cookie (the filters really rolled
 * the session); no plain one did; the rounds alternated which application went first.
 */
class EndToEndTest {

    @Test
    void smokeRunLoadsBothApplicationsAndTheFiltersRollEveryGuardedRequest() throws Exception {
        EndToEnd part = new EndToEnd();
        Section section = part.run(Part.Mode.SMOKE);
        System.out.println(section.toMarkdown());

        List<E2eRun> runs = part.lastRuns();
        // warm-up of each application, then 2 rounds of both, saturated then with one connection, ABBA order
        assertEquals(List.of("plain", "guarded", "plain", "guarded", "plain", "guarded", "guarded", "plain",
                "guarded", "plain"), runs.stream().map(E2eRun::app).toList());
        assertEquals(List.of(0, 0, 1, 1, 1, 1, 2, 2, 2, 2), runs.stream().map(E2eRun::round).toList());
        int n = EndToEnd.THREADS;
        assertEquals(List.of(n, n, n, n, 1, 1, n, n, 1, 1), runs.stream().map(E2eRun::connections).toList());
        for (E2eRun run : runs) {
            assertTrue(run.requests() > 0, "no responses in " + run);
            assertEquals(0, run.errors(), "errors in " + run);
            long expectedCookies = run.app().equals("guarded") ? run.requests() : 0;
            assertEquals(expectedCookies, run.refreshedCookies(), "refreshed SID cookies in " + run);
        }
        assertEquals(3, section.tables.size());
        assertEquals(runs.size(), section.tables.get(0).rows().size());
        assertEquals(3, section.targets.size());
        assertFalse(section.method.isBlank());
    }
}
