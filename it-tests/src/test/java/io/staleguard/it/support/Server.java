package io.staleguard.it.support;

import java.io.IOException;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.Archive;

/**
 * The managed server the suite runs on, for the few things a test needs beyond HTTP and Arquillian's own deployment:
 * where the server writes its log, and how to re-provision an application. One implementation per server lives in the
 * Maven profile that selects that server ({@code src/test/wildfly}, {@code src/test/payara}; only that one is compiled, as
 * only that server's adapter is on the class path), and the profile names it in the system property
 * {@code staleguard.it.server}. The tests themselves stay the same on every server.
 */
public interface Server {

    /** The server of this run. */
    static Server current() {
        return Holder.SERVER;
    }

    /** For display and assertion messages: {@code WildFly}, {@code Payara}. */
    String name();

    /** The server's main log file, written as the server runs. */
    Path logFile();

    /**
     * Incident 1's trigger, done the way it happens in production: the application is re-provisioned while browsers
     * keep its cookies. The running deployment called {@code archive.getName()} is replaced, under the same name and
     * context path, by {@code archive} (the same application or a newer release): every {@code HttpSession}, every
     * in-memory interaction and every key generated at start-up is gone, and the browser's cookies now point at
     * nothing.
     */
    void reprovision(Archive<?> archive) throws IOException;

    /** A system property failsafe sets from the pom. */
    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the integration tests "
                    + "through Maven (mvn -B verify, or mvn -B verify -Ppayara)");
        }
        return value;
    }

    /** The implementation the profile names in the system property {@code staleguard.it.server}. */
    final class Holder {
        static final Server SERVER = load();

        private Holder() {
        }

        private static Server load() {
            String name = property("staleguard.it.server");
            try {
                return Class.forName(name).asSubclass(Server.class).getConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("staleguard.it.server=" + name + " is not a " + Server.class.getName()
                        + " on the test class path", e);
            }
        }
    }
}
