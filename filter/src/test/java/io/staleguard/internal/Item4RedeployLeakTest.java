package io.staleguard.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;

import io.staleguard.testing.StaleguardFirstLoader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Issue 12, item 4: an application whose engine no filter owns ({@code Staleguard.recover} or the CDI interceptor with
 * the drop-in switched off) must not leave its MBean, and with it its class loader, behind when it is undeployed.
 * <p>
 * The application is simulated as a container deploys it: Staleguard's classes loaded child-first by a class loader of
 * their own (the {@code WEB-INF/lib} loader), a servlet context, the jar's start-up listener. After
 * {@code contextDestroyed} and once the container drops the context, nothing may reach that class loader.
 */
@DisplayName("Issue 12 item 4: nothing pinned after undeploy")
class Item4RedeployLeakTest {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @Test
    @DisplayName("Issue 12 item 4: an engine started by Staleguard.recover (no filter) registers its MBean and "
            + "unregisters it on contextDestroyed; the application's class loader then becomes collectable")
    void classLoaderCollectableAfterUndeploy() throws Exception {
        ObjectName name = new ObjectName("io.staleguard:type=Staleguard,context=" + ObjectName.quote("/leak-probe"));
        WeakReference<ClassLoader> loader = deployUseUndeploy(name);

        assertFalse(JMX.isRegistered(name), "the MBean is unregistered when the application stops");
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
        }
        assertNull(loader.get(), "the undeployed application's class loader is still reachable");
    }

    /** Deploys, starts an engine the way Staleguard.recover does, undeploys; keeps nothing but a weak reference. */
    private static WeakReference<ClassLoader> deployUseUndeploy(ObjectName name) throws Exception {
        StaleguardFirstLoader loader = new StaleguardFirstLoader(
                ApplicationRuntime.class.getProtectionDomain().getCodeSource().getLocation(),
                Item4RedeployLeakTest.class.getClassLoader());
        MockServletContext context = new MockServletContext() {
            @Override
            public ClassLoader getClassLoader() {
                return loader;
            }
        };
        context.setContextPath("/leak-probe");
        ServletContextListener startupCheck = (ServletContextListener) loader
                .loadClass(StartupCheck.class.getName()).getConstructor().newInstance();
        startupCheck.contextInitialized(new ServletContextEvent(context));

        Class<?> runtime = loader.loadClass(ApplicationRuntime.class.getName());
        runtime.getMethod("contextEngine").invoke(runtime.getMethod("of", ServletContext.class).invoke(null, context));
        assertTrue(JMX.isRegistered(name));
        assertSame(loader, JMX.getClassLoaderFor(name), "the MBean is the application's own");

        startupCheck.contextDestroyed(new ServletContextEvent(context));
        loader.close();
        return new WeakReference<>(loader);
    }
}
