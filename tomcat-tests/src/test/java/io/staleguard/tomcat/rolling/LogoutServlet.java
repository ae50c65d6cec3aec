package io.staleguard.tomcat.rolling;

import io.staleguard.Staleguard;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code POST /logout}: signs out the documented way, {@link Staleguard#logout}. */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        Staleguard.logout(req, resp);
        resp.setStatus(204);
    }
}
