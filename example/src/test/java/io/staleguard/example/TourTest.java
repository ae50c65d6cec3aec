package io.staleguard.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tour driver against the example in an embedded container: every incident, without and with Staleguard, shows
 * what the tour promises, and the driver's table says so. The table is kept as a test artifact in
 * {@code target/tour.md}.
 */
class TourTest {

    @Test
    @DisplayName("The tour driver plays all four incidents: each fails without Staleguard and heals with it")
    void everyRunAsExpected() throws Exception {
        EmbeddedExample example = EmbeddedExample.get();

        List<Tour.Row> rows = new Tour(example.base()).run();
        String table = Tour.markdown(rows);
        Files.writeString(Path.of("target", "tour.md"), table);

        assertEquals(14, rows.size(), table);
        for (Tour.Row row : rows) {
            assertTrue(row.asExpected(), "not as the tour expects: " + row + "\n" + table);
        }
        assertTrue(rows.stream().filter(r -> r.mode().equals("without")).allMatch(r -> r.events().equals("none")),
                "no Staleguard event comes from a URL space Staleguard does not cover:\n" + table);
        // One event per recovery. The single-page app's burst may end the old session in more than one of its
        // concurrent calls (each that arrives before the first has invalidated it), so only its reason is checked.
        assertEquals(List.of("NOT_FOUND", "LOGGED_OUT", "IDENTITY_CHANGED", "IDENTITY_CHANGED", "none", "NOT_FOUND"),
                rows.stream().filter(r -> r.mode().equals("with") && !r.incident().contains("single-page"))
                        .map(Tour.Row::events).toList(), table);
        assertTrue(rows.stream().filter(r -> r.mode().equals("with") && r.incident().contains("single-page"))
                .allMatch(r -> r.events().matches("IDENTITY_CHANGED(, IDENTITY_CHANGED)*")), table);
    }
}
