package io.staleguard.it.container;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The application of the container-level tests: {@code /login} starts a session, {@code /work} reads it (what every
 * signed-in page does), {@code /logout} invalidates it. Nothing here can answer 500 by itself: {@code /work} answers
 * 200 with or without a session, and a session another request invalidated meanwhile is "no session" too.
 */
@WebServlet({"/login", "/work", "/logout"})
public class SessionPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = null;
        switch (request.getServletPath()) {
            case "/login" -> request.getSession().setAttribute("user", "alice");
            case "/logout" -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            default -> user = user(request.getSession(false));
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(request.getServletPath() + " user=" + user + "\n");
    }

    private static String user(HttpSession session) {
        try {
            return session == null ? null : (String) session.getAttribute("user");
        } catch (IllegalStateException invalidatedMeanwhile) {
            return null;
        }
    }
}
