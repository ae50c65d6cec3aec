package io.staleguard.it.consent;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's error page for {@code SessionNotFoundException} (declared in web.xml): the provider's
 * {@code 400 invalid_request: session not found}, the dead end of incident 1. With Staleguard it is never reached.
 */
@WebServlet("/error/session-not-found")
public class SessionNotFoundPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(400);
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write(InteractionServlet.page("invalid_request", "<p id=\"error\">session not found</p>"));
    }
}
