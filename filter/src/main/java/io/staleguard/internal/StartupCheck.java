package io.staleguard.internal;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import io.staleguard.spi.ConfigException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Creates the application's {@link ApplicationRuntime} when the application starts and parses, once, the
 * configuration of every active {@link StaleSessionFilter} and {@link RollingSessionFilter} registration, subclasses
 * included (C3), so a bad value fails the deployment with its message instead of failing requests. Containers may
 * create filters on the first request that reaches them (WildFly does by default); then the filter's own {@code init}
 * comes too late, and it reuses what was parsed here.
 * <p>
 * Declared as a listener in the jar's {@code web-fragment.xml}. Listeners declared in {@code web.xml} run first, so
 * registrations they make with {@code addFilter} are checked too. The session store is not looked up here: the
 * filters find it in {@code init}, after the application's own listeners may have published one.
 * <p>
 * On {@code contextDestroyed} it closes the runtime, which unregisters its MBean: a runtime that no filter owns
 * (used by {@code Staleguard.recover} or the CDI interceptor when the filters are switched off) would otherwise stay
 * registered in the platform MBean server after an undeploy, and with it the application's class loader. Without this
 * listener such a runtime does not register an MBean at all.
 */
public final class StartupCheck implements ServletContextListener {

    /**
     * @throws ConfigException if a registration's configuration is invalid, which fails the deployment
     */
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ApplicationRuntime runtime = ApplicationRuntime.of(context);
        runtime.closedByListener();
        ConfigWarnings.unknownContextParams(context);
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            Class<?> type = DropIn.registeredClass(context, registration).orElse(null);
            Class<? extends Filter> staleguardFilter = type == null ? null
                    : StaleSessionFilter.class.isAssignableFrom(type) ? StaleSessionFilter.class
                    : RollingSessionFilter.class.isAssignableFrom(type) ? RollingSessionFilter.class
                    : null;
            if (staleguardFilter != null
                    && DropIn.active(context, registration.getName(), staleguardFilter, registration::getInitParameter)) {
                ConfigWarnings.unknownInitParams(registration);
                runtime.configuration(registration.getName(), registration::getInitParameter);
            }
        }
    }

    /** Closes the application's runtime, whoever created it; closing twice is harmless. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ApplicationRuntime.ATTRIBUTE) instanceof ApplicationRuntime runtime) {
            runtime.close();
        }
    }
}
