package io.staleguard.internal;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Validates the configuration of every {@code StaleSessionFilter} registration when the application starts (C3), so
 * a bad value fails the deployment with its message instead of failing requests. Containers may create filters on the
 * first request that reaches them (WildFly does by default); then the filter's own {@code init} comes too late.
 * <p>
 * Declared as a listener in the jar's {@code web-fragment.xml}. Listeners declared in {@code web.xml} run first, so
 * registrations they make with {@code addFilter} are checked too. Nothing is started here: the filters still read
 * their configuration in {@code init}.
 */
public final class StartupCheck implements ServletContextListener {

    /**
     * @throws ConfigException if a registration's configuration is invalid, which fails the deployment
     */
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (!DropIn.isStaleSessionFilter(registration.getClassName())) {
                continue;
            }
            if (DropIn.isDropIn(registration::getInitParameter) && (DropIn.switchedOff(context)
                    || DropIn.ownRegistration(context, registration.getName()) != null)) {
                continue;
            }
            Engine.validate(context, registration.getName(), registration::getInitParameter);
        }
    }
}
