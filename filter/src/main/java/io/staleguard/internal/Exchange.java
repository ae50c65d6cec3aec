package io.staleguard.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The request and response {@code StaleSessionFilter} is currently running on this thread, so that code deeper in
 * the request (the {@code @Interaction} interceptor, {@code Staleguard.recover}) can recover on it.
 */
public record Exchange(Engine engine, HttpServletRequest request, HttpServletResponse response) {

    private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

    /** @return the exchange bound on this thread, or null */
    public static Exchange current() {
        return CURRENT.get();
    }

    public static Exchange bind(Exchange exchange) {
        Exchange previous = CURRENT.get();
        CURRENT.set(exchange);
        return previous;
    }

    public static void restore(Exchange previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
