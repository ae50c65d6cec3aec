package io.staleguard.it.committed;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /start}: opens a session, so the report request carries a session id. */
@WebServlet("/start")
public class StartServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.getSession(true).setAttribute("user", "carol");
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write("started");
    }
}
