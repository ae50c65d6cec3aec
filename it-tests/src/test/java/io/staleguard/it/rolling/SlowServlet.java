package io.staleguard.it.rolling;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/slow}: one of the calls a page fires on load, slow enough ({@value #PAUSE_MILLIS} ms) to be in flight
 * when the user signs out. Like a framework that saves the session on every response, it then sets the session cookie
 * again, for a whole day, and marks the answer cacheable: Staleguard must drop that cookie when the session is gone
 * (R3), clamp it otherwise (R6), and keep the response out of shared caches (R5).
 */
@WebServlet("/api/slow")
public class SlowServlet extends HttpServlet {

    /** Response header: whether the request carried a session cookie ({@code true} or {@code false}). */
    public static final String CARRIED = "X-Test-Session-Cookie";

    static final long PAUSE_MILLIS = 100;

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = SessionCookie.id(req);
        if (id != null) {
            resp.addCookie(SessionCookie.of(req, id, Duration.ofDays(1)));
        }
        resp.setHeader("Cache-Control", "public, max-age=60");
        resp.setHeader(Arrivals.ARRIVED, Arrivals.of(req));
        resp.setHeader(CARRIED, String.valueOf(id != null));
        resp.setContentType("application/json");
        resp.getWriter().write("{\"data\":[]}");
    }
}
