package io.staleguard.it.sso;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test instrument, mapped on {@code /api/*} in front of everything else: once armed with {@code n}, the next
 * {@code n} API calls wait for one another before going on, as calls that are all in flight at once do on a real
 * network. A browser reads a request's cookies when it sends it; on loopback the first answer can come back (expiring
 * the session cookie, setting the loop guard's marker) before the browser has sent the rest of a burst, which would
 * make "the burst" a sequence. Held here, every call of the burst was sent with the stale session's cookies.
 */
public class BurstGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final AtomicInteger SEATS = new AtomicInteger();
    private static volatile CountDownLatch burst = new CountDownLatch(0);

    /** {@code POST /test/burst?calls=n}: the next {@code n} API calls travel together. */
    @WebServlet("/test/burst")
    public static class Arm extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            int calls = Integer.parseInt(request.getParameter("calls"));
            burst = new CountDownLatch(calls);
            SEATS.set(calls);
            response.setStatus(204);
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SEATS.getAndDecrement() > 0) {
            CountDownLatch together = burst;
            together.countDown();
            try {
                if (!together.await(20, TimeUnit.SECONDS)) {
                    throw new ServletException("the rest of the burst never arrived");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServletException(e);
            }
        }
        chain.doFilter(request, response);
    }
}
