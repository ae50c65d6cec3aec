package io.staleguard.internal.rolling;

import io.staleguard.internal.Engine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request and response {@code StaleSessionFilter} is currently running on this thread, so that code deeper in
 * the request (the {@code @Interaction} interceptor, {@code Staleguard.recover}) can recover on it. Binding allocates
 * nothing on the request path: each thread keeps one slot array for good.
 * <p>
 * The same slots mark a {@code RollingSessionFilter} running on this thread, so that a second one (two
 * registrations, or a forward) leaves the request to the first without setting a request attribute, which a container
 * stores in a map node of its own on every request.
 * <p>
 * The thread-local holds a plain {@code Object[]}, never an instance of a class of this jar: containers run every
 * deployment on the same long-lived worker threads, and a value whose class came from {@code WEB-INF/lib} would keep
 * the whole web application's class loader alive on each of them after an undeploy.
 */
public final class Exchange {

    private static final int ENGINE = 0;
    private static final int REQUEST = 1;
    private static final int RESPONSE = 2;
    /** Boolean.TRUE (a JDK object, never one of this jar's) while a RollingSessionFilter runs on this thread. */
    private static final int ROLLING = 3;

    private static final ThreadLocal<Object[]> SLOTS = ThreadLocal.withInitial(() -> new Object[4]);

    /** Stateless: every method works on the calling thread's slots. */
    private static final Exchange THIS_THREAD = new Exchange();

    private Exchange() {
    }

    /** @return the exchange bound on this thread, or null when no StaleSessionFilter is running on it */
    public static Exchange current() {
        return SLOTS.get()[ENGINE] == null ? null : THIS_THREAD;
    }

    /** @return this thread's exchange, bound or not; save its fields before {@link #set} and restore them after */
    public static Exchange ofThisThread() {
        return THIS_THREAD;
    }

    /** Binds (or, with nulls, unbinds) this thread's exchange. */
    public void set(Engine engine, HttpServletRequest request, HttpServletResponse response) {
        Object[] slots = SLOTS.get();
        slots[ENGINE] = engine;
        slots[REQUEST] = request;
        slots[RESPONSE] = response;
    }

    public Engine engine() {
        return (Engine) SLOTS.get()[ENGINE];
    }

    public HttpServletRequest request() {
        return (HttpServletRequest) SLOTS.get()[REQUEST];
    }

    public HttpServletResponse response() {
        return (HttpServletResponse) SLOTS.get()[RESPONSE];
    }

    /** @return whether a RollingSessionFilter is running on this thread */
    public static boolean rollingActive() {
        return SLOTS.get()[ROLLING] != null;
    }

    /** Marks (or, with false, unmarks) a RollingSessionFilter running on this thread. */
    public static void rollingActive(boolean active) {
        SLOTS.get()[ROLLING] = active ? Boolean.TRUE : null;
    }
}
