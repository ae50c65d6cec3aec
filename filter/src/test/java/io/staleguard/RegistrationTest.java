package io.staleguard;

import static io.staleguard.testing.Harness.navigate;
import static io.staleguard.testing.Harness.throwing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockServletContext;
import org.w3c.dom.Document;

import io.staleguard.testing.Harness;
import io.staleguard.testing.RawResponse;
import jakarta.servlet.ServletException;

@DisplayName("Registration: drop-in web-fragment, opt-out, and yielding to the application's own registration")
class RegistrationTest {

    private static MockFilterConfig dropIn(MockServletContext context) {
        MockFilterConfig config = new MockFilterConfig(context, "staleguard-drop-in");
        config.addInitParameter("io.staleguard.drop-in", "true");
        return config;
    }

    @Test
    @DisplayName("the jar's web-fragment.xml maps StaleSessionFilter to /* first, async-supported, marked drop-in")
    void webFragment() throws Exception {
        try (InputStream in = StaleSessionFilter.class.getResourceAsStream("/META-INF/web-fragment.xml")) {
            assertNotNull(in);
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(in);
            String text = doc.getDocumentElement().getTextContent().replaceAll("\\s+", " ");
            assertEquals("staleguard", doc.getElementsByTagNameNS("*", "name").item(0).getTextContent());
            assertTrue(text.contains("io.staleguard.StaleSessionFilter"));
            assertEquals("true", doc.getElementsByTagNameNS("*", "async-supported").item(0).getTextContent());
            assertEquals("/*", doc.getElementsByTagNameNS("*", "url-pattern").item(0).getTextContent());
            assertNotNull(doc.getElementsByTagNameNS("*", "before").item(0), "ordered before others");
            assertTrue(text.contains("io.staleguard.drop-in true"));
        }
    }

    @Test
    @DisplayName("drop-in is active by default and recovers")
    void dropInActive() throws Exception {
        MockServletContext context = new MockServletContext();
        context.setContextPath("/app");
        StaleSessionFilter filter = new StaleSessionFilter();
        filter.init(dropIn(context));
        RawResponse r = new RawResponse();
        filter.doFilter(navigate("GET", "/x"), r, (req, res) -> {
            throw new SessionNotFoundException("gone");
        });
        assertEquals(303, r.getStatus());
        filter.destroy();
    }

    @Test
    @DisplayName("context-param staleguard.drop-in=false switches the drop-in off: exceptions pass through")
    void optOut() throws Exception {
        MockServletContext context = new MockServletContext();
        context.addInitParameter("staleguard.drop-in", "false");
        StaleSessionFilter filter = new StaleSessionFilter();
        filter.init(dropIn(context));
        assertThrows(SessionNotFoundException.class, () -> filter.doFilter(navigate("GET", "/x"), new RawResponse(),
                (req, res) -> {
                    throw new SessionNotFoundException("gone");
                }));
    }

    @Test
    @DisplayName("a bad staleguard.drop-in value fails start-up with the key and an example")
    void badOptOut() {
        MockServletContext context = new MockServletContext();
        context.addInitParameter("staleguard.drop-in", "off");
        ServletException e = assertThrows(ServletException.class, () -> new StaleSessionFilter().init(dropIn(context)));
        assertTrue(e.getMessage().contains("staleguard.drop-in") && e.getMessage().contains("'off'")
                && e.getMessage().contains("For example"), e.getMessage());
    }

    @Test
    @DisplayName("a StaleSessionFilter inside another one (two registrations) does nothing: one recovery, one event")
    void nested() throws Exception {
        try (Harness outer = Harness.withInitParams("restart-url", "/outer")) {
            StaleSessionFilter inner = new StaleSessionFilter();
            MockFilterConfig config = new MockFilterConfig(outer.context, "inner");
            config.addInitParameter("restart-url", "/inner");
            inner.init(config);
            RawResponse r = outer.run(navigate("POST", "/x"), (req, res) -> inner.doFilter(req, res, (q, s) -> {
                throw new SessionNotFoundException("gone");
            }));
            assertEquals("/app/outer", r.getHeader("Location"));
            assertEquals(1, outer.events.size());
            inner.destroy();
        }
    }

    @Test
    @DisplayName("Staleguard.recover works without any filter, from context-params")
    void recoverWithoutFilter() throws Exception {
        MockServletContext context = new MockServletContext();
        context.setContextPath("/app");
        context.addInitParameter("staleguard.restart-url", "/login");
        var request = new org.springframework.mock.web.MockHttpServletRequest(context, "POST", "/app/x");
        request.setContextPath("/app");
        request.setServletPath("/x");
        request.addHeader("Sec-Fetch-Mode", "navigate");
        RawResponse r = new RawResponse();
        assertTrue(Staleguard.recover(request, r));
        assertEquals(303, r.getStatus());
        assertEquals("/app/login", r.getHeader("Location"));
        io.staleguard.internal.ApplicationRuntime.of(context).close();
    }

    @Test
    @DisplayName("non-HTTP requests pass straight through, exceptions included")
    void nonHttp() throws Exception {
        try (Harness app = Harness.withInitParams()) {
            SessionNotFoundException thrown = new SessionNotFoundException("x");
            assertThrows(SessionNotFoundException.class, () -> app.filter.doFilter(
                    new jakarta.servlet.ServletRequestWrapper(navigate("GET", "/x")),
                    new jakarta.servlet.ServletResponseWrapper(new RawResponse()), (req, res) -> {
                        throw thrown;
                    }));
            assertTrue(app.events.isEmpty());
        }
    }

    @Test
    @DisplayName("the drop-in yields when the application registers StaleSessionFilter itself")
    void yields() throws Exception {
        MockServletContext context = new MockServletContext() {
            @Override
            public java.util.Map<String, ? extends jakarta.servlet.FilterRegistration> getFilterRegistrations() {
                return java.util.Map.of("staleguard-drop-in", registration("staleguard-drop-in"),
                        "mine", registration("mine"));
            }
        };
        StaleSessionFilter filter = new StaleSessionFilter();
        filter.init(dropIn(context));
        assertThrows(SessionNotFoundException.class, () -> filter.doFilter(navigate("GET", "/x"), new RawResponse(),
                (req, res) -> {
                    throw new SessionNotFoundException("gone");
                }));
    }

    /** An application's own guard, as {@code @WebFilter("/*") class MyGuard extends StaleSessionFilter} declares it. */
    static class MyGuard extends StaleSessionFilter {
    }

    static class MyRolling extends RollingSessionFilter {
    }

    @Test
    @DisplayName("the drop-ins yield to the application's subclasses of StaleSessionFilter and RollingSessionFilter, "
            + "and the subclass's own configuration is the one validated at start-up (C3)")
    void yieldsToSubclasses() throws Exception {
        MockServletContext context = new MockServletContext() {
            @Override
            public java.util.Map<String, ? extends jakarta.servlet.FilterRegistration> getFilterRegistrations() {
                return java.util.Map.of("staleguard-drop-in", registration("staleguard-drop-in"),
                        "guard", registration("guard", MyGuard.class.getName(), java.util.Map.of()),
                        "rolling", registration("rolling", MyRolling.class.getName(),
                                java.util.Map.of("retry-window", "forever")));
            }
        };
        StaleSessionFilter dropIn = new StaleSessionFilter();
        dropIn.init(dropIn(context));
        assertThrows(SessionNotFoundException.class, () -> dropIn.doFilter(navigate("GET", "/x"), new RawResponse(),
                (req, res) -> {
                    throw new SessionNotFoundException("gone");
                }));
        MockFilterConfig rollingDropIn = new MockFilterConfig(context, "staleguard-rolling-drop-in");
        rollingDropIn.addInitParameter("io.staleguard.drop-in", "true");
        rollingDropIn.addInitParameter("rolling", "true");
        new RollingSessionFilter().init(rollingDropIn); // no store: would fail if it did not yield
        RuntimeException e = assertThrows(RuntimeException.class, () -> new io.staleguard.internal.StartupCheck()
                .contextInitialized(new jakarta.servlet.ServletContextEvent(context)));
        assertTrue(e.getMessage().contains("retry-window") && e.getMessage().contains("'rolling'"), e.getMessage());
    }

    private static jakarta.servlet.FilterRegistration registration(String name) {
        return registration(name, StaleSessionFilter.class.getName(), java.util.Map.of());
    }

    private static jakarta.servlet.FilterRegistration registration(String name, String className,
            java.util.Map<String, String> initParams) {
        return (jakarta.servlet.FilterRegistration) java.lang.reflect.Proxy.newProxyInstance(
                RegistrationTest.class.getClassLoader(), new Class<?>[] {jakarta.servlet.FilterRegistration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "getClassName" -> className;
                    case "getInitParameter" -> initParams.get((String) args[0]);
                    case "getInitParameters" -> initParams;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
