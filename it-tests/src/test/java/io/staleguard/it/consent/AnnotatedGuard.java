package io.staleguard.it.consent;

import io.staleguard.StaleSessionFilter;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebInitParam;

/**
 * The annotation registration, as the README shows it: the application's own subclass of {@link StaleSessionFilter},
 * declared with {@code @WebFilter} and configured with {@code @WebInitParam}s. The jar's drop-in must yield to it.
 * <p>
 * Annotation values are constants, so the cookie path names the context path of {@link #WAR}, the only archive this
 * class is deployed in; the values are those of {@link StaleguardSettings}.
 */
@WebFilter(filterName = AnnotatedGuard.NAME, urlPatterns = "/*", asyncSupported = true, initParams = {
        @WebInitParam(name = "cookies", value = "_interaction*;path=/consent-annotated/interaction"),
        @WebInitParam(name = "restart-capture-paths", value = "/authorize"),
        @WebInitParam(name = "restart-keys", value = StaleguardSettings.RESTART_KEY)})
public class AnnotatedGuard extends StaleSessionFilter {

    /** The archive this registration is deployed in: its name fixes the context path the init-params name. */
    public static final String WAR = "consent-annotated.war";

    /** The registration's name, which the drop-in names when it yields (SG0005). */
    public static final String NAME = "annotated-guard";

    /** What the drop-in logs when it yields to this registration. */
    public static final String YIELDED = "yields to the application's own registration '" + NAME + "'";
}
