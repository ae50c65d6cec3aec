package io.staleguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.staleguard.StaleSessionFilter;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RegisteringContext;
import jakarta.servlet.ServletContextEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** C3: a setting that is no key, in any source the filters read, is reported at start-up instead of silently ignored. */
class UnknownKeyWarningTest {

    @Test
    @DisplayName("C3 an unknown init-param and an unknown staleguard.* context-param each log SG0013; known ones, the "
            + "drop-in marker and other libraries' context-params do not")
    void unknownKeysAreReported() {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard", StaleSessionFilter.class.getName(),
                        Map.of("retry-windw", "PT1M", "restart-url", "/login"))
                .register("staleguard-drop-in", StaleSessionFilter.class.getName() + "X", Map.of("typo", "x"))
                .register("other", "com.example.OtherFilter", Map.of("whatever", "x"));
        context.addInitParameter("staleguard.cookie", "_session");
        context.addInitParameter("staleguard.drop-in", "true");
        context.addInitParameter("staleguard.restart-url", "/login");
        context.addInitParameter("com.example.setting", "x");

        List<String> warnings = warningsOf(() -> new StartupCheck().contextInitialized(new ServletContextEvent(context)));

        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("SG0013: context-param 'staleguard.cookie' is not a "
                + "Staleguard key and has no effect. Staleguard keys: [absolute, ")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("SG0013: init-param 'retry-windw' of filter "
                + "'staleguard' is not a Staleguard key")), warnings.toString());
    }

    @Test
    @DisplayName("C3 drop-in as an init-param has no effect, and says so")
    void dropInAsInitParam() {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard", StaleSessionFilter.class.getName(), Map.of("drop-in", "false"));

        List<String> warnings = warningsOf(() -> new StartupCheck().contextInitialized(new ServletContextEvent(context)));

        assertEquals(List.of("SG0013: init-param 'drop-in' of filter 'staleguard' has no effect: staleguard.drop-in is "
                + "read from the context-param of that name only"), warnings);
    }

    private static List<String> warningsOf(Runnable action) {
        try (LogCapture log = new LogCapture()) {
            action.run();
            return log.messages(Level.WARNING);
        }
    }
}
