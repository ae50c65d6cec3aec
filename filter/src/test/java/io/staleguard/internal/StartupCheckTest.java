package io.staleguard.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.staleguard.StaleSessionFilter;
import io.staleguard.spi.ConfigException;
import io.staleguard.testing.RegisteringContext;
import jakarta.servlet.ServletContextEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** C3: a bad value fails the deployment even where the container creates filters lazily (Undertow, WildFly). */
class StartupCheckTest {

    /** A servlet context that knows its filter registrations, as a container's does after reading web.xml. */
    private static void start(RegisteringContext context) {
        new StartupCheck().contextInitialized(new ServletContextEvent(context));
    }

    @Test
    @DisplayName("C3 a bad init-param of a registered StaleSessionFilter fails the context start, naming it")
    void badInitParam() {
        RegisteringContext context = new RegisteringContext().register("staleguard", StaleSessionFilter.class.getName(),
                Map.of("retry-window", "30s"));

        ConfigException e = assertThrows(ConfigException.class, () -> start(context));

        assertEquals("SG0200 Staleguard configuration: init-param 'retry-window' of filter 'staleguard' is '30s', "
                + "but it must be an ISO-8601 duration greater than zero. For example: retry-window=PT30S",
                e.getMessage());
    }

    @Test
    @DisplayName("C3 a bad context-param fails the context start through the drop-in registration")
    void badContextParam() {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(),
                Map.of("io.staleguard.drop-in", "true"));
        context.addInitParameter("staleguard.restart-url", "//evil.example");

        ConfigException e = assertThrows(ConfigException.class, () -> start(context));

        assertTrue(e.getMessage().startsWith("SG0200 Staleguard configuration: context-param "
                + "'staleguard.restart-url' is '//evil.example', but a restart target must be"), e.getMessage());
    }

    @Test
    @DisplayName("C3 a bad rolling key of a registered RollingSessionFilter fails the context start, naming it")
    void badRollingKey() {
        RegisteringContext context = new RegisteringContext()
                .register("rolling", io.staleguard.RollingSessionFilter.class.getName(),
                Map.of("max-cookie-age", "a week"));

        ConfigException e = assertThrows(ConfigException.class, () -> start(context));

        assertTrue(e.getMessage().startsWith("SG0200 Staleguard configuration: init-param 'max-cookie-age' of filter "
                + "'rolling' is 'a week'"), e.getMessage());
    }

    @Test
    @DisplayName("C3 a bad staleguard.drop-in value fails the context start")
    void badDropInSwitch() {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(),
                Map.of("io.staleguard.drop-in", "true"));
        context.addInitParameter("staleguard.drop-in", "off");

        ConfigException e = assertThrows(ConfigException.class, () -> start(context));

        assertEquals("SG0200 Staleguard configuration: context-param 'staleguard.drop-in' is 'off', but it must be "
                + "'true' or 'false'. For example: staleguard.drop-in=false", e.getMessage());
    }

    @Test
    @DisplayName("C3 an inactive drop-in (switched off, or yielding to the app's registration) is not what gets checked")
    void inactiveDropIn() {
        RegisteringContext off = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(),
                Map.of("io.staleguard.drop-in", "true", "retry-window", "30s"));
        off.addInitParameter("staleguard.drop-in", "false");
        assertDoesNotThrow(() -> start(off));

        RegisteringContext yielding = new RegisteringContext()
                .register("staleguard-drop-in", StaleSessionFilter.class.getName(),
                        Map.of("io.staleguard.drop-in", "true", "retry-window", "30s"))
                .register("mine", StaleSessionFilter.class.getName(), Map.of("retry-window", "PT1M"));
        assertDoesNotThrow(() -> start(yielding));
        yielding.unregister("staleguard-drop-in");
        yielding.register("mine", StaleSessionFilter.class.getName(), Map.of("retry-window", "1m"));
        assertThrows(ConfigException.class, () -> start(yielding));
    }

    @Test
    @DisplayName("C3 good values pass; other filters' parameters are not Staleguard's business")
    void goodValuesAndOtherFilters() {
        RegisteringContext context = new RegisteringContext()
                .register("staleguard", StaleSessionFilter.class.getName(), Map.of("restart-url", "/login"))
                .register("other", "com.example.OtherFilter", Map.of("retry-window", "not a duration"));

        assertDoesNotThrow(() -> start(context));
    }

    @Test
    @DisplayName("C3 the jar's web-fragment.xml registers the check")
    void registeredByWebFragment() throws Exception {
        try (InputStream in = StaleSessionFilter.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
            assertNotNull(in);
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("<listener-class>" + StartupCheck.class.getName() + "</listener-class>"));
        }
    }
}
