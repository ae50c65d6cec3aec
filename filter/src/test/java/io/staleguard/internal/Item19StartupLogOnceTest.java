package io.staleguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.testing.LogCapture;
import io.staleguard.testing.RegisteringContext;
import jakarta.servlet.ServletContextEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;

/**
 * Issue 12, item 19: a deployment runs the start-up check and initialises each filter (two drop-ins, or the
 * application's own registrations), and may start an engine for {@code Staleguard.recover}: SG0001 and SG0005 each
 * appear once.
 */
@DisplayName("Issue 12 item 19: start-up lines logged once per deployment")
class Item19StartupLogOnceTest {

    private static final Map<String, String> DROP_IN = Map.of(DropIn.MARKER, "true");

    private static MockFilterConfig config(RegisteringContext context, String name, Map<String, String> params) {
        MockFilterConfig config = new MockFilterConfig(context, name);
        params.forEach(config::addInitParameter);
        return config;
    }

    /** What a container does at deployment: the listener, then each filter's init, then a first request's recover. */
    private static List<String> deploy(RegisteringContext context, String stale, Map<String, String> staleParams,
            String rolling, Map<String, String> rollingParams) throws Exception {
        try (LogCapture log = new LogCapture()) {
            new StartupCheck().contextInitialized(new ServletContextEvent(context));
            StaleSessionFilter staleFilter = new StaleSessionFilter();
            staleFilter.init(config(context, stale, staleParams));
            RollingSessionFilter rollingFilter = new RollingSessionFilter();
            rollingFilter.init(config(context, rolling, rollingParams));
            ApplicationRuntime.of(context).contextEngine();
            staleFilter.destroy();
            rollingFilter.destroy();
            new StartupCheck().contextDestroyed(new ServletContextEvent(context));
            return log.messages(Level.INFO);
        }
    }

    private static long count(List<String> lines, String id) {
        return lines.stream().filter(l -> l.startsWith(id + ":")).count();
    }

    @Test
    @DisplayName("Issue 12 item 19: the application's own StaleSessionFilter and RollingSessionFilter (rolling on) "
            + "next to the drop-ins, which yield: one SG0001, one SG0005 naming both drop-ins")
    void ownRegistrations() throws Exception {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(), DROP_IN)
                .register("staleguard-rolling-drop-in", RollingSessionFilter.class.getName(), DROP_IN)
                .register("mine", StaleSessionFilter.class.getName(), Map.of())
                .register("my-rolling", RollingSessionFilter.class.getName(), Map.of());
        context.setContextPath("/once-own");
        context.addInitParameter("staleguard.rolling", "true");
        context.addInitParameter("staleguard.store", "memory");
        List<String> lines;
        try (LogCapture log = new LogCapture()) {
            new StartupCheck().contextInitialized(new ServletContextEvent(context));
            // The container initialises all four registrations; the drop-ins yield.
            StaleSessionFilter dropIn = new StaleSessionFilter();
            dropIn.init(config(context, "staleguard-drop-in", DROP_IN));
            RollingSessionFilter rollingDropIn = new RollingSessionFilter();
            rollingDropIn.init(config(context, "staleguard-rolling-drop-in", DROP_IN));
            lines = log.messages(Level.INFO);
        }
        lines = new java.util.ArrayList<>(lines);
        lines.addAll(deploy(context, "mine", Map.of(), "my-rolling", Map.of()));
        assertEquals(1, count(lines, LogId.STARTED.id()), lines::toString);
        assertEquals(1, count(lines, LogId.DROP_IN_INACTIVE.id()), lines::toString);
        String sg0005 = lines.stream().filter(l -> l.startsWith(LogId.DROP_IN_INACTIVE.id())).findFirst().orElseThrow();
        assertTrue(sg0005.contains("StaleSessionFilter") && sg0005.contains("RollingSessionFilter"), sg0005);
    }

    @Test
    @DisplayName("Issue 12 item 19: both drop-ins switched off by staleguard.drop-in=false: one SG0005 for the "
            + "deployment (the listener and both filters each ask), naming both")
    void switchedOff() throws Exception {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(), DROP_IN)
                .register("staleguard-rolling-drop-in", RollingSessionFilter.class.getName(), DROP_IN);
        context.setContextPath("/once-off");
        context.addInitParameter(DropIn.PARAM, "false");
        List<String> lines = deploy(context, "staleguard-drop-in", DROP_IN, "staleguard-rolling-drop-in", DROP_IN);
        assertEquals(1, count(lines, LogId.DROP_IN_INACTIVE.id()), lines::toString);
        String sg0005 = lines.stream().filter(l -> l.startsWith(LogId.DROP_IN_INACTIVE.id())).findFirst().orElseThrow();
        assertTrue(sg0005.contains("StaleSessionFilter") && sg0005.contains("RollingSessionFilter"), sg0005);
        assertEquals(1, count(lines, LogId.STARTED.id()), "Staleguard.recover's engine says it started, once: " + lines);
    }

    @Test
    @DisplayName("Issue 12 item 19: the drop-ins with rolling on: both filters start an engine, one SG0001")
    void dropInsRolling() throws Exception {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(), DROP_IN)
                .register("staleguard-rolling-drop-in", RollingSessionFilter.class.getName(), DROP_IN);
        context.setContextPath("/once-rolling");
        context.addInitParameter("staleguard.rolling", "true");
        context.addInitParameter("staleguard.store", "memory");
        List<String> lines = deploy(context, "staleguard-drop-in", DROP_IN, "staleguard-rolling-drop-in", DROP_IN);
        assertEquals(1, count(lines, LogId.STARTED.id()), lines::toString);
        assertEquals(0, count(lines, LogId.DROP_IN_INACTIVE.id()), lines::toString);
    }
}
