package io.staleguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The end-to-end part in SMOKE mode against a real WildFly: checks what must hold whatever the timing, never a
 * number. Every response was 200; every guarded response carried the refreshed SID cookie (the filters really rolled
 * the session), and so did every headers response; no plain one did; the rounds changed the applications' order; and
 * the headers application's response carries the very headers the guarded one does.
 */
class EndToEndTest {

    private static final String P = E2eWars.PLAIN;
    private static final String G = E2eWars.GUARDED;
    private static final String H = E2eWars.HEADERS;

    @Test
    void smokeRunLoadsTheThreeApplicationsAndTheFiltersRollEveryGuardedRequest() throws Exception {
        EndToEnd part = new EndToEnd();
        Section section = part.run(Part.Mode.SMOKE);
        System.out.println(section.toMarkdown());

        List<E2eRun> runs = part.lastRuns();
        // warm-up of each application, then 2 rounds of the three, saturated then with one connection; round 2 in the
        // mirror order of round 1
        assertEquals(List.of(P, G, H, P, G, H, P, G, H, H, G, P, H, G, P), runs.stream().map(E2eRun::app).toList());
        assertEquals(List.of(0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2),
                runs.stream().map(E2eRun::round).toList());
        int n = EndToEnd.THREADS;
        assertEquals(List.of(n, n, n, n, n, n, 1, 1, 1, n, n, n, 1, 1, 1),
                runs.stream().map(E2eRun::connections).toList());
        for (E2eRun run : runs) {
            assertTrue(run.requests() > 0, "no responses in " + run);
            assertEquals(0, run.errors(), "errors in " + run);
            long expectedCookies = run.app().equals(P) ? 0 : run.requests();
            assertEquals(expectedCookies, run.refreshedCookies(), "refreshed SID cookies in " + run);
        }
        assertEquals(4, section.tables.size());
        assertEquals(runs.size(), section.tables.get(0).rows().size());
        assertEquals(4, section.targets.size());
        assertFalse(section.method.isBlank());

        Map<String, List<String>> heads = part.lastResponseHeads();
        assertEquals(normalised(heads.get(G)), normalised(heads.get(H)), "headers against guarded");
        assertFalse(normalised(heads.get(P)).stream().anyMatch(l -> l.startsWith("set-cookie:")),
                "plain sets a cookie: " + heads.get(P));
    }

    @Test
    void everyOrderIsFollowedByItsMirrorAndOverTheCycleEveryApplicationTakesEveryPlaceAlike() {
        List<List<String>> orders = EndToEnd.ORDERS;
        assertEquals(6, orders.size());
        for (int i = 0; i < orders.size(); i += 2) {
            List<String> mirror = new ArrayList<>(orders.get(i));
            Collections.reverse(mirror);
            assertEquals(mirror, orders.get(i + 1));
        }
        for (String app : List.of(P, G, H)) {
            for (int place = 0; place < 3; place++) {
                int at = place;
                assertEquals(2, orders.stream().filter(o -> o.get(at).equals(app)).count(), app + " at " + place);
            }
        }
    }

    /** Header lines without the session id, context path, dates and Date header; sorted, names lower-cased. */
    private static List<String> normalised(List<String> head) {
        return head.stream()
                .filter(l -> !l.regionMatches(true, 0, "Date:", 0, 5))
                .map(l -> {
                    int colon = l.indexOf(':');
                    String name = colon < 0 ? l : l.substring(0, colon).toLowerCase(Locale.ROOT);
                    String value = colon < 0 ? "" : l.substring(colon);
                    return name + value.replaceAll("SID=[^;]*", "SID=<id>")
                            .replaceAll("Expires=[^;]*", "Expires=<date>")
                            .replaceAll("Path=/(guarded|headers)", "Path=<context>");
                })
                .sorted()
                .toList();
    }
}
