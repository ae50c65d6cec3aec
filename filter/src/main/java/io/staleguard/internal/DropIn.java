package io.staleguard.internal;

import java.util.function.Function;

import io.staleguard.StaleSessionFilter;
import io.staleguard.StaleguardConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * The drop-in registration, the filter the jar's {@code web-fragment.xml} maps: it runs unless context-param
 * {@code staleguard.drop-in} is {@code false} or the application registers {@code StaleSessionFilter} itself.
 */
public final class DropIn {

    /** Init-param set by the jar's {@code web-fragment.xml}: marks the drop-in registration. */
    public static final String MARKER = "io.staleguard.drop-in";

    /** The context-param that switches the drop-in off. */
    public static final String PARAM = ConfigReader.PREFIX + StaleguardConfig.DROP_IN;

    private DropIn() {
    }

    /** @return whether a registration with these init-params is the drop-in one */
    public static boolean isDropIn(Function<String, String> initParams) {
        return "true".equals(initParams.apply(MARKER));
    }

    /** @return whether {@code className} is StaleSessionFilter's */
    public static boolean isStaleSessionFilter(String className) {
        return StaleSessionFilter.class.getName().equals(className);
    }

    /**
     * @return whether context-param {@value #PARAM} switches the drop-in off
     * @throws ConfigException if it is set to anything but {@code true} or {@code false}
     */
    public static boolean switchedOff(ServletContext context) {
        String value = context.getInitParameter(PARAM);
        if (value == null || value.trim().equalsIgnoreCase("true")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return true;
        }
        throw new ConfigException("Staleguard configuration: context-param '" + PARAM + "' is '"
                + Log.printable(value, 80) + "', but it must be 'true' or 'false'. For example: " + PARAM + "=false");
    }

    /** @return the name of the application's own StaleSessionFilter registration, which the drop-in yields to, or null */
    public static String ownRegistration(ServletContext context, String dropInName) {
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (!registration.getName().equals(dropInName) && isStaleSessionFilter(registration.getClassName())) {
                return registration.getName();
            }
        }
        return null;
    }
}
