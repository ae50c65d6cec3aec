package io.staleguard.it.cdi;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The consent endpoints the way incident 1's provider wrote them: every failure of the consent step becomes the
 * provider's own {@code 400 session not found} page, so no exception ever reaches a filter. Only an interceptor on the
 * bean can still heal the stale session.
 * <ul>
 * <li>{@code POST /interaction/confirm}: "Allow access"; 303 to the client's callback;</li>
 * <li>{@code GET /interaction/pending}: the consent waiting to be given;</li>
 * <li>{@code POST /interaction/outage}: the consent store times out.</li>
 * </ul>
 */
@WebServlet("/interaction/*")
public class InteractionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsentService consent;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String step = req.getMethod() + " " + req.getPathInfo();
        try {
            switch (step) {
                case "POST /confirm" -> {
                    String callback = consent.confirm();
                    if (callback == null) {
                        return; // Staleguard answered
                    }
                    resp.setStatus(303);
                    resp.setHeader("Location", callback);
                }
                case "GET /pending" -> {
                    String state = consent.pending();
                    if (state == null) {
                        return;
                    }
                    resp.setContentType("text/plain;charset=UTF-8");
                    resp.getWriter().write("pending: " + state);
                }
                case "POST /outage" -> consent.storeOutage();
                default -> resp.sendError(404);
            }
        } catch (RuntimeException e) {
            resp.setStatus(400);
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write(Pages.page("invalid_request",
                    "<p id=\"error\">" + Pages.SESSION_NOT_FOUND + "</p>"));
        }
    }
}
