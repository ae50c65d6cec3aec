package io.staleguard.it.rolling;

import java.io.IOException;

import io.staleguard.Staleguard;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /logout} with {@link Staleguard#logout}. It also reports when the request entered the application and
 * when the logout had returned, that is when the record's delete had committed ({@value #DELETED}).
 */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    /** Response header: {@link System#nanoTime()} right after {@code Staleguard.logout} returned. */
    public static final String DELETED = "X-Test-Deleted";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Staleguard.logout(req, resp);
        resp.setHeader(DELETED, String.valueOf(System.nanoTime()));
        resp.setHeader(Arrivals.ARRIVED, Arrivals.of(req));
        resp.setContentType("application/json");
        resp.getWriter().write("{\"signedIn\":false}");
    }
}
