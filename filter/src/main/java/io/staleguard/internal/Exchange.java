package io.staleguard.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request and response {@code StaleSessionFilter} is currently running on this thread, so that code deeper in
 * the request (the {@code @Interaction} interceptor, {@code Staleguard.recover}) can recover on it. One mutable holder
 * per thread, so binding allocates nothing on the request path.
 */
public final class Exchange {

    private static final ThreadLocal<Exchange> THREAD = ThreadLocal.withInitial(Exchange::new);

    private Engine engine;
    private HttpServletRequest request;
    private HttpServletResponse response;

    private Exchange() {
    }

    /** @return the exchange bound on this thread, or null when no StaleSessionFilter is running on it */
    public static Exchange current() {
        Exchange exchange = THREAD.get();
        return exchange.engine == null ? null : exchange;
    }

    /** @return this thread's holder, bound or not; save its fields before {@link #set} and restore them after */
    public static Exchange ofThisThread() {
        return THREAD.get();
    }

    /** Binds (or, with nulls, unbinds) this thread's exchange. */
    public void set(Engine engine, HttpServletRequest request, HttpServletResponse response) {
        this.engine = engine;
        this.request = request;
        this.response = response;
    }

    public Engine engine() {
        return engine;
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }
}
