package io.staleguard.tomcat.rolling;

import io.staleguard.RollingSessionFilter;
import io.staleguard.StaleSessionFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Programmatic registration, in the order web.xml would map them: recovery first, then rolling. */
public class RollingRegistrar implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        FilterRegistration.Dynamic stale = context.addFilter("staleguard", StaleSessionFilter.class);
        stale.setAsyncSupported(true);
        stale.addMappingForUrlPatterns(null, false, "/*");
        FilterRegistration.Dynamic rolling = context.addFilter("rolling", RollingSessionFilter.class);
        rolling.setAsyncSupported(true);
        rolling.addMappingForUrlPatterns(null, false, "/*");
    }
}
