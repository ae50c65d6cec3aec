package io.staleguard.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.staleguard.StaleguardConfig;
import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.ops.Log;
import io.staleguard.internal.ops.LogId;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.ConfigException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * The drop-in registrations, the filters the jar's {@code web-fragment.xml} maps: each runs unless context-param
 * {@code staleguard.drop-in} is {@code false} or the application registers the same filter class, or a subclass of
 * it (a {@code @WebFilter} that extends {@code StaleSessionFilter}, say), itself. Two copies would both act on one
 * request, the drop-in with the default configuration, so the application's own registration wins.
 */
public final class DropIn {

    /** Init-param set by the jar's {@code web-fragment.xml}: marks a drop-in registration. */
    public static final String MARKER = "io.staleguard.drop-in";

    /** The filter classes of the drop-in registrations, by name: the filters depend on this class, not it on them. */
    private static final String RECOVERY_FILTER = "io.staleguard.StaleSessionFilter";
    private static final String ROLLING_FILTER = "io.staleguard.RollingSessionFilter";

    /** The context-param that switches the drop-in off. */
    public static final String PARAM = ConfigReader.PREFIX + StaleguardConfig.DROP_IN;

    private DropIn() {
    }

    /**
     * Whether a registration runs: any registration the application made itself does; a drop-in one only when it is
     * not switched off and the application did not register the same filter class or a subclass of it. The first time
     * a drop-in registration of the context turns out inactive, one SG0005 line names every inactive one: the start-up
     * check and each filter's {@code init} all ask, and the deployment gets one line.
     *
     * @param filterClass the Staleguard filter the registration is for
     * @param initParams the registration's init-params
     * @throws ConfigException if {@value #PARAM} is set to anything but {@code true} or {@code false}
     */
    public static boolean active(ServletContext context, String registrationName,
            Class<? extends Filter> filterClass, Function<String, String> initParams) {
        if (!marked(initParams)) {
            return true;
        }
        String reason = inactiveReason(context, registrationName, filterClass);
        if (reason != null && Log.once(context, LogId.DROP_IN_INACTIVE)) {
            Map<String, String> inactive = new LinkedHashMap<>();
            inactive.put(registrationName, filterClass.getSimpleName() + " " + reason);
            for (FilterRegistration r : context.getFilterRegistrations().values()) {
                if (!"true".equals(r.getInitParameter(MARKER)) || inactive.containsKey(r.getName())) {
                    continue;
                }
                Optional<Class<?>> other = registeredClass(context, r);
                String otherReason = other.isPresent() ? inactiveReason(context, r.getName(), other.get()) : null;
                if (otherReason != null) {
                    inactive.put(r.getName(), other.get().getSimpleName() + " " + otherReason);
                }
            }
            Log.info(LogId.DROP_IN_INACTIVE, "Drop-in registrations not active: %s", String.join("; ", inactive.values()));
        }
        return reason == null;
    }

    /**
     * Whether both drop-in registrations run: then the drop-in {@code StaleSessionFilter} also does the rolling
     * filter's work, in the order the two would have run in (the jar's fragment maps them to the same requests, the
     * recovery filter first), and the drop-in {@code RollingSessionFilter} lets requests pass. One filter instead of
     * two saves a filter call and lets the recovery filter's B2 check reuse the touch's answer instead of asking the
     * store again.
     */
    public static boolean together(ServletContext context) {
        return activeDropIn(context, RECOVERY_FILTER) && activeDropIn(context, ROLLING_FILTER);
    }

    /** @param className a filter class the jar's {@code web-fragment.xml} registers, as it names it */
    private static boolean activeDropIn(ServletContext context, String className) {
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if ("true".equals(registration.getInitParameter(MARKER)) && className.equals(registration.getClassName())) {
                Optional<Class<?>> filterClass = registeredClass(context, registration);
                return filterClass.isPresent()
                        && inactiveReason(context, registration.getName(), filterClass.get()) == null;
            }
        }
        return false;
    }

    /** @return whether a registration's init-params mark it as one of the jar's drop-in registrations */
    public static boolean marked(Function<String, String> initParams) {
        return "true".equals(initParams.apply(MARKER));
    }

    /** @return why a drop-in registration of {@code filterClass} does not run, or null when it does */
    private static String inactiveReason(ServletContext context, String registrationName, Class<?> filterClass) {
        if (switchedOff(context)) {
            return "is switched off by context-param " + PARAM;
        }
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (!registration.getName().equals(registrationName)
                    && registeredClass(context, registration).filter(filterClass::isAssignableFrom).isPresent()) {
                return "yields to the application's own registration '" + registration.getName() + "'";
            }
        }
        return null;
    }

    /**
     * The class a registration is for, loaded as the application loads it; empty when it cannot be loaded (the
     * container then fails that registration itself, which is not the drop-in's business).
     */
    public static Optional<Class<?>> registeredClass(ServletContext context, FilterRegistration registration) {
        String className = registration.getClassName();
        if (className == null) {
            return Optional.empty();
        }
        try {
            ClassLoader loader = context.getClassLoader();
            return Optional.of(Class.forName(className, false, loader != null ? loader : DropIn.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static boolean switchedOff(ServletContext context) {
        String value = context.getInitParameter(PARAM);
        if (value == null || value.trim().equalsIgnoreCase("true")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return true;
        }
        throw new ConfigException(ConfigError.INVALID_VALUE.message("Staleguard configuration: context-param '" + PARAM
                + "' is '" + Log.printable(value, 80) + "', but it must be 'true' or 'false'. For example: " + PARAM
                + "=false"));
    }
}
