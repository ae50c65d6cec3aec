package io.staleguard.internal;

import java.util.Map;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * C3: validates the configuration of every {@link StaleSessionFilter} and {@link RollingSessionFilter} registration
 * when the application starts, so that
 * a bad value fails the deployment. Containers may create filters lazily, on the first request they map (Undertow, and
 * so WildFly, does): without this, a bad value would only turn that first request into a 500. Registered by the jar's
 * {@code web-fragment.xml}; reads the same sources the filter will read, and keeps nothing.
 */
public final class StartupCheck implements ServletContextListener {

    /** @throws ConfigException naming the key, the value and an example, for the first bad value */
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            String className = registration.getClassName();
            if (StaleSessionFilter.class.getName().equals(className)
                    || RollingSessionFilter.class.getName().equals(className)) {
                Map<String, String> initParams = registration.getInitParameters();
                ConfigReader config = new ConfigReader(registration.getName(), initParams::get,
                        context::getInitParameter, Engine.applicationLoader(context));
                Settings.read(context, config);
                RollingSettings.read(config);
            }
        }
    }
}
