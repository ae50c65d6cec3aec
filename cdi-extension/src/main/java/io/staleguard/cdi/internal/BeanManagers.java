package io.staleguard.cdi.internal;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;

/**
 * Finds the calling application's {@link BeanManager}, most specific source first. {@code CDI.current()} alone is not
 * enough: on WildFly it answers with the bean manager of the <em>calling class's</em> archive, which for a jar shared by
 * several modules (an EAR's {@code lib}) cannot see the web module's beans, so its events would miss their observers.
 */
final class BeanManagers {

    private BeanManagers() {
    }

    /**
     * @param context the application's servlet context, or null when not known
     * @return the bean manager, or null when no CDI container serves this application
     * @throws NoClassDefFoundError when the CDI API is not there at all
     */
    static BeanManager find(ServletContext context) {
        if (context != null && context.getAttribute(BeanManager.class.getName()) instanceof BeanManager published) {
            return published; // Weld Servlet (Tomcat, Jetty) publishes it here
        }
        try {
            if (new InitialContext().lookup("java:comp/BeanManager") instanceof BeanManager component) {
                return component; // the current Jakarta EE component's own
            }
        } catch (NamingException | RuntimeException notBound) {
            // not a Jakarta EE component, or no naming at all: try CDI.current()
        }
        try {
            return CDI.current().getBeanManager();
        } catch (IllegalStateException noContainer) {
            return null;
        }
    }
}
