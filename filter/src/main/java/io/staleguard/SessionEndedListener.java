package io.staleguard;

/**
 * Receives {@link SessionEnded} events.
 * <p>
 * Register a listener either through {@link java.util.ServiceLoader} (a file
 * {@code META-INF/services/io.staleguard.SessionEndedListener} naming your class, found through the web application's
 * class loader at start-up) or as a servlet context attribute named {@link #ATTRIBUTE}:
 * <pre>
 * servletContext.setAttribute(SessionEndedListener.ATTRIBUTE, (SessionEndedListener) ended -&gt; metrics.count(ended.reason()));
 * </pre>
 * Listeners run on the request thread before the response is written, so keep them quick. An exception thrown by a
 * listener is logged and never changes the response. With the CDI module, {@code @Observes SessionEnded} is simpler.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SessionEndedListener {

    /** Name of the servlet context attribute under which one listener may be registered. */
    String ATTRIBUTE = "io.staleguard.SessionEndedListener";

    /**
     * Called once for every session Staleguard ends.
     *
     * @param event what ended and why; never null
     */
    void sessionEnded(SessionEnded event);
}
