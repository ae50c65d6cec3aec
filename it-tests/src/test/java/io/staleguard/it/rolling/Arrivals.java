package io.staleguard.it.rolling;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Notes when each request entered the application, before any filter ran: the test compares it with the moment the
 * logout's delete had committed, to tell requests that began after the logout (which must get no refreshed cookie, R3)
 * from those already in flight. {@link System#nanoTime()} of the server's JVM, so all instants are comparable.
 */
@WebListener
public class Arrivals implements ServletRequestListener {

    /** Response header: when the request entered the application. */
    public static final String ARRIVED = "X-Test-Arrived";

    private static final String ATTRIBUTE = Arrivals.class.getName();

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        event.getServletRequest().setAttribute(ATTRIBUTE, System.nanoTime());
    }

    static String of(ServletRequest request) {
        return String.valueOf(request.getAttribute(ATTRIBUTE));
    }
}
