package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;
import org.w3c.dom.NodeList;

import io.staleguard.internal.ConfigException;
import io.staleguard.internal.StartupCheck;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;

@DisplayName("C3: the configuration is validated when the application starts, not on the first request")
class StartupCheckTest {

    /** A context whose filter registrations are given as name → init-params (null: not a StaleSessionFilter). */
    private static MockServletContext context(Map<String, Map<String, String>> registrations) {
        return new MockServletContext() {
            @Override
            public Map<String, ? extends FilterRegistration> getFilterRegistrations() {
                Map<String, FilterRegistration> all = new LinkedHashMap<>();
                registrations.forEach((name, params) -> all.put(name, registration(name, params)));
                return all;
            }
        };
    }

    private static FilterRegistration registration(String name, Map<String, String> params) {
        return (FilterRegistration) Proxy.newProxyInstance(StartupCheckTest.class.getClassLoader(),
                new Class<?>[] {FilterRegistration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getClassName" -> params == null ? "com.example.OtherFilter" : StaleSessionFilter.class.getName();
                    case "getInitParameter" -> params == null ? null : params.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    @DisplayName("the jar's web-fragment.xml declares the check, so it runs wherever the jar is in WEB-INF/lib")
    void declaredInWebFragment() throws Exception {
        try (InputStream in = StaleSessionFilter.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            NodeList listeners = f.newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "listener-class");
            assertEquals(1, listeners.getLength());
            assertEquals(StartupCheck.class.getName(), listeners.item(0).getTextContent().trim());
        }
    }

    private static void check(MockServletContext context) {
        new StartupCheck().contextInitialized(new ServletContextEvent(context));
    }

    @Test
    @DisplayName("a bad init-param of the application's own registration fails start-up, naming the key and value")
    void badInitParam() {
        MockServletContext context = context(Map.of("staleguard", Map.of("retry-window", "forever")));
        ConfigException e = assertThrows(ConfigException.class, () -> check(context));
        assertTrue(e.getMessage().contains("init-param 'retry-window' of filter 'staleguard'")
                && e.getMessage().contains("'forever'"), e.getMessage());
    }

    @Test
    @DisplayName("a bad staleguard.* context-param fails start-up through the drop-in registration")
    void badContextParamForDropIn() {
        MockServletContext context = context(Map.of("staleguard-drop-in", Map.of("io.staleguard.drop-in", "true")));
        context.addInitParameter("staleguard.restart-url", "//evil.example/");
        ConfigException e = assertThrows(ConfigException.class, () -> check(context));
        assertTrue(e.getMessage().contains("context-param 'staleguard.restart-url'"), e.getMessage());
    }

    @Test
    @DisplayName("a bad staleguard.drop-in value fails start-up")
    void badDropInSwitch() {
        MockServletContext context = context(Map.of("staleguard-drop-in", Map.of("io.staleguard.drop-in", "true")));
        context.addInitParameter("staleguard.drop-in", "off");
        ConfigException e = assertThrows(ConfigException.class, () -> check(context));
        assertTrue(e.getMessage().contains("staleguard.drop-in") && e.getMessage().contains("'off'"), e.getMessage());
    }

    @Test
    @DisplayName("a switched-off drop-in is not checked: nothing reads the staleguard.* context-params then")
    void switchedOffDropIn() {
        MockServletContext context = context(Map.of("staleguard-drop-in", Map.of("io.staleguard.drop-in", "true")));
        context.addInitParameter("staleguard.drop-in", "false");
        context.addInitParameter("staleguard.retry-window", "forever");
        assertDoesNotThrow(() -> check(context));
    }

    @Test
    @DisplayName("the drop-in that yields to the application's own registration is not checked, the own one is")
    void yieldingDropIn() {
        Map<String, Map<String, String>> registrations = new LinkedHashMap<>();
        registrations.put("staleguard-drop-in", Map.of("io.staleguard.drop-in", "true"));
        registrations.put("mine", Map.of("retry-window", "PT10S"));
        MockServletContext context = context(registrations);
        // Only the drop-in would read this value: the application's registration overrides it with an init-param.
        context.addInitParameter("staleguard.retry-window", "forever");
        assertDoesNotThrow(() -> check(context));

        registrations.put("mine", Map.of("retry-window", "soon"));
        assertThrows(ConfigException.class, () -> check(context(registrations)));
    }

    @Test
    @DisplayName("other filters and good values pass")
    void otherFiltersAndGoodValues() {
        Map<String, Map<String, String>> registrations = new LinkedHashMap<>();
        registrations.put("staleguard", Map.of("restart-url", "/login", "retry-window", "PT1M"));
        registrations.put("unrelated", null);
        MockServletContext context = context(registrations);
        assertDoesNotThrow(() -> check(context));
    }
}
