package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

import io.staleguard.internal.rolling.Exchange;
import io.staleguard.testing.StaleguardFirstLoader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Containers serve many deployments from one pool of long-lived worker threads. Whatever Staleguard leaves in a
 * thread-local after a request must not keep the web application's class loader alive once the application is
 * undeployed (seen on WildFly: every redeploy left one more copy of the application's classes behind).
 */
@DisplayName("Redeploys: no class loader pinned by a worker thread")
class WorkerThreadLeakTest {

    @Test
    @DisplayName("after a request bound and unbound the exchange on this thread, the application's class loader can be collected")
    void exchangeDoesNotPinTheApplicationClassLoader() throws Exception {
        WeakReference<ClassLoader> application = serveOneRequestFromAThrowawayApplication();
        for (int i = 0; i < 20 && application.get() != null; i++) {
            System.gc();
        }
        assertNull(application.get(), "the undeployed application's class loader is still reachable from this thread");
    }

    /** Loads Staleguard in a class loader of its own, as a WEB-INF/lib jar is, and binds and unbinds an exchange. */
    private static WeakReference<ClassLoader> serveOneRequestFromAThrowawayApplication() throws Exception {
        URL classes = Exchange.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader application = new StaleguardFirstLoader(classes,
                WorkerThreadLeakTest.class.getClassLoader())) {
            Class<?> exchange = Class.forName(Exchange.class.getName(), true, application);
            Class<?> engine = Class.forName("io.staleguard.internal.Engine", false, application);
            Method set = exchange.getMethod("set", engine, HttpServletRequest.class, HttpServletResponse.class);
            Object holder = exchange.getMethod("ofThisThread").invoke(null);
            set.invoke(holder, null, null, null);
            return new WeakReference<>(application);
        }
    }
}
