package io.staleguard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.ObjectName;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import io.staleguard.testing.RegisteringContext;
import jakarta.servlet.ServletContextEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;

/**
 * One runtime per application: the start-up listener creates it and parses each registration's configuration once; the
 * filters' {@code init} and static calls reuse it; {@code contextDestroyed} closes it.
 */
@DisplayName("Core redesign: one runtime per ServletContext, configuration parsed once")
class OneRuntimeTest {

    private static final Map<String, String> DROP_IN = Map.of(DropIn.MARKER, "true");

    private static MockFilterConfig config(RegisteringContext context, String name, Map<String, String> params) {
        MockFilterConfig config = new MockFilterConfig(context, name);
        params.forEach(config::addInitParameter);
        return config;
    }

    private static RegisteringContext rollingApplication(String contextPath) {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(), DROP_IN)
                .register("staleguard-rolling-drop-in", RollingSessionFilter.class.getName(), DROP_IN);
        context.setContextPath(contextPath);
        context.addInitParameter("staleguard.rolling", "true");
        context.addInitParameter("staleguard.store", "memory");
        return context;
    }

    private static boolean registered(String contextPath) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(
                new ObjectName("io.staleguard:type=Staleguard,context=" + ObjectName.quote(contextPath)));
    }

    @Test
    @DisplayName("the listener, both drop-in filters and a static call share one runtime and one engine; the "
            + "configuration is read once; contextDestroyed unpublishes it and unregisters its MBean")
    void dropInsShareOneRuntime() throws Exception {
        RegisteringContext context = rollingApplication("/one-runtime");
        CountingExternalConfig.INACTIVITY_READS.set(0);

        new StartupCheck().contextInitialized(new ServletContextEvent(context));
        ApplicationRuntime runtime = ApplicationRuntime.of(context);
        StaleSessionFilter stale = new StaleSessionFilter();
        stale.init(config(context, "staleguard-drop-in", DROP_IN));
        RollingSessionFilter rolling = new RollingSessionFilter();
        rolling.init(config(context, "staleguard-rolling-drop-in", DROP_IN));
        Engine staticCalls = ApplicationRuntime.of(context).contextEngine();

        assertSame(runtime, ApplicationRuntime.of(context));
        assertSame(runtime.counters(), staticCalls.counters());
        assertEquals(1, runtime.engines(), "engines built for the application");
        assertSame(staticCalls, runtime.attach("anyone", name -> null), "the engine for no init-params is shared");
        ApplicationRuntime.release(runtime);
        assertEquals(1, CountingExternalConfig.INACTIVITY_READS.get(), "reads of staleguard.inactivity");
        assertTrue(registered("/one-runtime"), "the counters' MBean is registered");

        stale.destroy();
        rolling.destroy();
        assertSame(runtime, context.getAttribute(ApplicationRuntime.ATTRIBUTE), "the listener closes it, not the filters");
        new StartupCheck().contextDestroyed(new ServletContextEvent(context));
        assertNull(context.getAttribute(ApplicationRuntime.ATTRIBUTE));
        assertFalse(registered("/one-runtime"), "the counters' MBean is unregistered");
    }

    @Test
    @DisplayName("a registration with init-params of its own gets its own engine in the same runtime, sharing the "
            + "counters; static calls outside a filter use the first filter's engine, as before")
    void ownInitParamsOwnEngine() throws Exception {
        RegisteringContext context = rollingApplication("/own-params")
                .register("mine", StaleSessionFilter.class.getName(), Map.of("restart-url", "/login"));
        new StartupCheck().contextInitialized(new ServletContextEvent(context));
        StaleSessionFilter mine = new StaleSessionFilter();
        mine.init(config(context, "mine", Map.of("restart-url", "/login")));
        RollingSessionFilter rolling = new RollingSessionFilter();
        rolling.init(config(context, "staleguard-rolling-drop-in", DROP_IN));
        ApplicationRuntime runtime = ApplicationRuntime.of(context);

        assertEquals(2, runtime.engines());
        Engine first = runtime.contextEngine();
        assertEquals("/own-params/login", first.settings().restartUrl, "the first attached filter's engine");
        assertNotSame(first, runtime.attach("x", DROP_IN::get));
        ApplicationRuntime.release(runtime);
        assertSame(runtime.counters(), first.counters());

        mine.destroy();
        rolling.destroy();
        new StartupCheck().contextDestroyed(new ServletContextEvent(context));
        assertFalse(registered("/own-params"));
    }

    @Test
    @DisplayName("without the listener (a container that skips web fragments), the last filter destroyed closes it")
    void withoutListenerLastFilterCloses() throws Exception {
        // Without web fragments there are no drop-ins either: the application registers both filters itself.
        RegisteringContext context = new RegisteringContext()
                .register("stale", StaleSessionFilter.class.getName(), Map.of())
                .register("rolling", RollingSessionFilter.class.getName(), Map.of());
        context.setContextPath("/no-listener");
        context.addInitParameter("staleguard.rolling", "true");
        context.addInitParameter("staleguard.store", "memory");
        StaleSessionFilter stale = new StaleSessionFilter();
        stale.init(config(context, "stale", Map.of()));
        RollingSessionFilter rolling = new RollingSessionFilter();
        rolling.init(config(context, "rolling", Map.of()));
        ApplicationRuntime runtime = ApplicationRuntime.of(context);
        assertTrue(registered("/no-listener"));

        stale.destroy();
        assertSame(runtime, context.getAttribute(ApplicationRuntime.ATTRIBUTE), "the rolling filter still uses it");
        rolling.destroy();
        assertNull(context.getAttribute(ApplicationRuntime.ATTRIBUTE));
        assertFalse(registered("/no-listener"));
    }
}
