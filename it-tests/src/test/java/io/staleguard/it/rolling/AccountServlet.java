package io.staleguard.it.rolling;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /account/me}, on Staleguard's {@code interaction-paths}: a request whose session is gone never gets here
 * (B2 recovers it first), so an answer from this servlet means the session is alive.
 */
@WebServlet("/account/me")
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.getWriter().write("{\"signedIn\":true}");
    }
}
