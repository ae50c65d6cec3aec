package io.staleguard.it.config;

import io.staleguard.StaleSessionFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Registers the filter with {@code addFilter} and a restart-url that would redirect off-site. */
public class BadlyConfiguredRegistrar implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FilterRegistration.Dynamic staleguard = event.getServletContext().addFilter("staleguard", StaleSessionFilter.class);
        staleguard.setInitParameter("restart-url", "//evil.example/login");
        staleguard.addMappingForUrlPatterns(null, false, "/*");
    }
}
