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
 * <p>
 * On {@code contextDestroyed} it closes the engine published for the context, which unregisters its MBean: an engine
 * that no filter owns (started by {@code Staleguard.recover} or the CDI interceptor when the filters are switched off)
 * would otherwise stay registered in the platform MBean server after an undeploy, and with it the application's class
 * loader. Without this listener such an engine does not register an MBean at all.
 */
public final class StartupCheck implements ServletContextListener {

    /** Context attribute set while this listener runs in the application: an engine started later will be closed. */
    static final String CLOSES_ENGINES = StartupCheck.class.getName() + ".closes-engines";

    /** @return whether this listener will close the context's published engine when the application stops */
    static boolean closesEngines(ServletContext context) {
        return context.getAttribute(CLOSES_ENGINES) != null;
    }

    /**
     * @throws ConfigException if a registration's configuration is invalid, which fails the deployment
     */
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        context.setAttribute(CLOSES_ENGINES, Boolean.TRUE);
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
                Engine.validate(context, registration.getName(), registration::getInitParameter);
            }
        }
    }

    /** Closes the engine still published for the context, whoever started it; closing twice is harmless. */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(Engine.CONTEXT_ATTRIBUTE) instanceof Engine engine) {
            engine.close();
        }
        context.removeAttribute(CLOSES_ENGINES);
    }
}
