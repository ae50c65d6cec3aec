package io.staleguard.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;

import io.staleguard.SessionNotFoundException;
import io.staleguard.StaleSessionFilter;
import io.staleguard.cdi.Interaction;
import io.staleguard.spi.StoreLocator;

/**
 * JAX-RS and Faces are optional (C1), and the jar must not break the filter where there is no CDI or MicroProfile
 * Config at all. Each scenario runs in a class loader that has the whole test class path except the APIs named, as an
 * application on a server without them would; a class that referred to them on the way would fail with
 * {@code NoClassDefFoundError}.
 */
class WithoutOptionalApisTest {

    private static final List<String> JAX_RS_FACES_JTA = List.of("jakarta.ws.rs.", "jakarta.faces.",
            "org.jboss.resteasy.", "com.sun.faces.", "jakarta.transaction.", "org.eclipse.microprofile.health.");
    private static final List<String> CDI_AND_MP_CONFIG = List.of("jakarta.enterprise.", "jakarta.interceptor.",
            "jakarta.inject.", "org.eclipse.microprofile.", "org.jboss.weld.");

    @Test
    @DisplayName("C1 without JAX-RS, Faces, Jakarta Transactions and MicroProfile Health the interceptor loads and recovers; none of them is loaded")
    void interceptorWithoutJaxRsAndFaces() throws Exception {
        assertEquals("jax-rs=false faces=false jta=false health=false status=303 location=/app/authorize events=1",
                runHiding(JAX_RS_FACES_JTA, InterceptorScenario.class));
    }

    @Test
    @DisplayName("C3/E1/S3 without CDI and MicroProfile Config the jar's ServiceLoader hooks leave the filter working")
    void filterWithoutCdiAndMicroProfileConfig() throws Exception {
        List<String> hidden = new ArrayList<>(JAX_RS_FACES_JTA);
        hidden.addAll(CDI_AND_MP_CONFIG);
        assertEquals("status=303 events=1 store=none mp-config=false",
                runHiding(hidden, FilterScenario.class));
    }

    @Test
    @DisplayName("the hiding class loader does hide: a scenario that needs a hidden API fails")
    void hidingIsReal() {
        assertThrows(NoClassDefFoundError.class, () -> runHiding(JAX_RS_FACES_JTA, NeedsJaxRs.class));
    }

    private static String runHiding(List<String> hiddenPackages, Class<?> scenario) throws Exception {
        try (URLClassLoader loader = new HidingLoader(hiddenPackages)) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                @SuppressWarnings("unchecked")
                Supplier<String> run = (Supplier<String>) Class.forName(scenario.getName(), true, loader)
                        .getDeclaredConstructor().newInstance();
                return run.get();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    /** The test class path minus some packages, over the JDK's own classes only. */
    static final class HidingLoader extends URLClassLoader {
        private final List<String> hidden;

        HidingLoader(List<String> hidden) throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
            this.hidden = hidden;
        }

        private static URL[] classPath() throws MalformedURLException {
            String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<URL> urls = new ArrayList<>();
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
            return urls.toArray(URL[]::new);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : hidden) {
                if (name.startsWith(prefix)) {
                    throw new ClassNotFoundException(name + " is hidden in this test");
                }
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            // ServiceLoader files of hidden APIs' implementations (RESTEasy's RuntimeDelegate, Weld's CDIProvider) too.
            for (String prefix : hidden) {
                if (name.startsWith("META-INF/services/" + prefix)) {
                    return null;
                }
            }
            return super.getResource(name);
        }
    }

    /** Runs inside the hiding loader: a bean method with @Interaction, called under the filter's exchange. */
    public static final class InterceptorScenario implements Supplier<String> {

        public static class Step {
            @Interaction(restart = "/authorize")
            public void confirm() {
            }
        }

        @Override
        public String get() {
            try (Fixture app = new Fixture()) {
                app.bind();
                Object result = new InteractionInterceptor().recoverStaleSession(
                        FakeInvocation.throwing(new Step(), "confirm", new SessionNotFoundException("gone")));
                return "jax-rs=" + Frameworks.JAX_RS + " faces=" + Frameworks.FACES + " jta=" + Frameworks.JTA
                        + " health=" + Frameworks.MP_HEALTH + " status="
                        + app.response.getStatus() + " location=" + app.response.getHeader("Location") + " events="
                        + app.events.size() + (result == null ? "" : " result=" + result);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs inside the hiding loader: the filter recovers, with this jar's ServiceLoader hooks on the class path. */
    public static final class FilterScenario implements Supplier<String> {

        @Override
        public String get() {
            try (Fixture app = new Fixture()) {
                StaleSessionFilter filter = new StaleSessionFilter();
                filter.init(new MockFilterConfig(app.context, "staleguard"));
                filter.doFilter(app.request, app.response, (req, res) -> {
                    throw new SessionNotFoundException("gone");
                });
                filter.destroy();
                String store = "none";
                for (StoreLocator locator : ServiceLoader.load(StoreLocator.class)) {
                    if (locator.find(app.context).isPresent()) {
                        store = locator.getClass().getName();
                    }
                }
                return "status=" + app.response.getStatus() + " events=" + app.events.size() + " store=" + store
                        + " mp-config=" + Frameworks.MP_CONFIG;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Proves the loader hides what it claims to. */
    public static final class NeedsJaxRs implements Supplier<String> {
        @Override
        public String get() {
            return jakarta.ws.rs.core.Response.ok().build().toString();
        }
    }
}
