package io.staleguard.it.cdi;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /authorize[?state=…]}: the start of the flow, and where {@code @Interaction(restart = "/authorize")} sends
 * the browser back to. Opens a session holding a consent to give and shows "Allow access?" with two ways to answer:
 * the servlet that calls {@link ConsentService}, and the JAX-RS resource {@link ConsentResource}.
 */
@WebServlet("/authorize")
public class AuthorizeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Consents consents;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String state = req.getParameter("state");
        consents.start(state == null || state.isBlank() ? "fresh" : state);
        String base = req.getContextPath();
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(Pages.page("Allow access?", "<p>demo-client wants to know who you are.</p>"
                + "<form id=\"consent\" method=\"post\" action=\"" + base + "/interaction/confirm\">"
                + "<button>Allow access</button></form>"
                + "<form id=\"consent-rest\" method=\"post\" action=\"" + base + "/rest/consent/confirm\">"
                + "<button>Allow access (JAX-RS)</button></form>"));
    }
}
