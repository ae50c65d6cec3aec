package io.staleguard.it.consent;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /callback?code=…&state=…}: the client's redirect URI. 200 only for a code the provider really issued (once)
 * with the state the client sent, so reaching it proves the whole flow completed.
 */
@WebServlet("/callback")
public class CallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Interactions.Grant grant = Interactions.of(getServletContext()).redeem(req.getParameter("code"));
        if (grant == null || !grant.state().equals(req.getParameter("state"))) {
            resp.sendError(400, "invalid_grant");
            return;
        }
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write(InteractionServlet.page("Signed in", "<p id=\"result\">" + grant.clientId()
                + " signed in " + grant.user() + " (state " + grant.state() + ")</p>"));
    }
}
