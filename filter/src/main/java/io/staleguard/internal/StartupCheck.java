package io.staleguard.internal;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Validates the configuration of every active {@link StaleSessionFilter} and {@link RollingSessionFilter}
 * registration, subclasses included, when the application starts (C3), so a bad value fails the deployment with its
 * message instead of failing requests. Containers may create filters on the first request that reaches them (WildFly does by default);
 * then the filter's own {@code init} comes too late.
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
            Class<?> type = DropIn.registeredClass(context, registration).orElse(null);
            Class<? extends Filter> staleguardFilter = type == null ? null
                    : StaleSessionFilter.class.isAssignableFrom(type) ? StaleSessionFilter.class
                    : RollingSessionFilter.class.isAssignableFrom(type) ? RollingSessionFilter.class
                    : null;
            if (staleguardFilter != null
                    && DropIn.active(context, registration.getName(), staleguardFilter, registration::getInitParameter)) {
                Engine.validate(context, registration.getName(), registration::getInitParameter);
            }
        }
    }
}
