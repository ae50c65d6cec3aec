package io.staleguard.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.staleguard.StaleguardConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * The drop-in registrations, the filters the jar's {@code web-fragment.xml} maps: each runs unless context-param
 * {@code staleguard.drop-in} is {@code false} or the application registers the same filter class itself.
 */
public final class DropIn {

    /** Init-param set by the jar's {@code web-fragment.xml}: marks a drop-in registration. */
    public static final String MARKER = "io.staleguard.drop-in";

    /** The context-param that switches the drop-in off. */
    public static final String PARAM = ConfigReader.PREFIX + StaleguardConfig.DROP_IN;

    private DropIn() {
    }

    /**
     * Whether a registration runs: any registration the application made itself does; a drop-in one only when it is
     * not switched off and the application did not register the same filter class. The first time a drop-in
     * registration of the context turns out inactive, one SG0005 line names every inactive one: the start-up check and
     * each filter's {@code init} all ask, and the deployment gets one line.
     *
     * @param initParams the registration's init-params
     * @throws ConfigException if {@value #PARAM} is set to anything but {@code true} or {@code false}
     */
    public static boolean active(ServletContext context, String registrationName, String filterClassName,
            Function<String, String> initParams) {
        if (!"true".equals(initParams.apply(MARKER))) {
            return true;
        }
        String reason = inactiveReason(context, registrationName, filterClassName);
        if (reason != null && Log.once(context, Log.DROP_IN_INACTIVE)) {
            Map<String, String> inactive = new LinkedHashMap<>();
            inactive.put(registrationName, simpleName(filterClassName) + " " + reason);
            for (FilterRegistration r : context.getFilterRegistrations().values()) {
                String other = "true".equals(r.getInitParameter(MARKER)) && !inactive.containsKey(r.getName())
                        ? inactiveReason(context, r.getName(), r.getClassName()) : null;
                if (other != null) {
                    inactive.put(r.getName(), simpleName(r.getClassName()) + " " + other);
                }
            }
            Log.info(Log.DROP_IN_INACTIVE, "Drop-in registrations not active: %s", String.join("; ", inactive.values()));
        }
        return reason == null;
    }

    /** @return why a drop-in registration does not run, or null when it does */
    private static String inactiveReason(ServletContext context, String registrationName, String filterClassName) {
        if (switchedOff(context)) {
            return "is switched off by context-param " + PARAM;
        }
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (!registration.getName().equals(registrationName) && filterClassName.equals(registration.getClassName())) {
                return "yields to the application's own registration '" + registration.getName() + "'";
            }
        }
        return null;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static boolean switchedOff(ServletContext context) {
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
}
