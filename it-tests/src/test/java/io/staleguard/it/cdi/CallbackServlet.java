package io.staleguard.it.cdi;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /callback?code=…&state=…}: the client's redirect URI. 200 only for a code the provider issued (once) for
 * that state, so reaching it proves the whole flow completed.
 */
@WebServlet("/callback")
public class CallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    IssuedCodes codes;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String state = codes.redeem(req.getParameter("code"));
        if (state == null || !state.equals(req.getParameter("state"))) {
            resp.sendError(400, "invalid_grant");
            return;
        }
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().write(Pages.page("Signed in", "<p id=\"result\">demo-client signed in (state " + state
                + ")</p>"));
    }
}
