package io.staleguard.cluster.sso;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code GET /api/me} (a call) and {@code GET /home} (a page): answers with the user of the session that served the
 * request and with whom the proxy names, and which node answered ({@value #NODE}).
 */
@WebServlet({"/api/me", "/home"})
public class WhoAmIServlet extends HttpServlet {

    static final String NODE = "X-Node";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HttpSession session = req.getSession(false);
        Object user = session == null ? null : session.getAttribute(SharedSessions.USER_ATTRIBUTE);
        resp.setHeader(NODE, System.getProperty("jboss.node.name"));
        resp.setContentType("application/json");
        resp.getWriter().write("{\"sessionUser\":\"" + user + "\",\"proxyUser\":\""
                + req.getHeader(SsoLoginServlet.HEADER) + "\"}");
    }
}
