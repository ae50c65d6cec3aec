package io.staleguard.it.consent;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /authorize?client_id=…&state=…}: the start of the flow. Opens a session and an interaction (with its
 * cookies on the interaction sub-path) and sends the browser to the interaction's login page.
 */
@WebServlet("/authorize")
public class AuthorizeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String clientId = req.getParameter("client_id");
        String state = req.getParameter("state");
        if (!Interactions.CLIENT_ID.equals(clientId) || state == null || state.isEmpty()) {
            resp.sendError(400, "invalid_request: unknown client_id or missing state");
            return;
        }
        req.getSession(true);
        Interactions.Interaction interaction = Interactions.of(getServletContext()).start(clientId, state, resp);
        resp.setStatus(303);
        resp.setHeader("Location", req.getContextPath() + "/interaction/" + interaction.uid());
    }
}
