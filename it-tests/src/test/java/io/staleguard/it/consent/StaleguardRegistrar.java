package io.staleguard.it.consent;

import io.staleguard.StaleSessionFilter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** The programmatic registration: {@code ServletContext.addFilter} from a listener declared in web.xml. */
public class StaleguardRegistrar implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        FilterRegistration.Dynamic staleguard = context.addFilter("staleguard", StaleSessionFilter.class);
        staleguard.setAsyncSupported(true);
        StaleguardSettings.of(context.getContextPath()).forEach(staleguard::setInitParameter);
        staleguard.addMappingForUrlPatterns(null, false, "/*");
    }
}
