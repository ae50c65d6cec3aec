package io.staleguard.example;

import java.io.IOException;

import io.staleguard.SessionNotFoundException;
import io.staleguard.example.consent.ConsentIncident;
import io.staleguard.example.consent.ProviderServlet;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The container's error page (web.xml {@code <error-page>}): where an exception ends up when no Staleguard filter is
 * in the way, that is, in the {@code /without/} URL spaces. A {@link SessionNotFoundException} gets the answer the
 * incident's provider gave; anything else a plain 500 page that shows no details.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String path = uri.toString().substring(Math.min(req.getContextPath().length(), uri.toString().length()));
        Mode mode = modeOf(path);
        if (isSessionNotFound((Throwable) req.getAttribute(RequestDispatcher.ERROR_EXCEPTION))
                && path.startsWith(ConsentIncident.PATH + "/")) {
            ProviderServlet.sessionNotFoundPage(req, resp, mode);
            return;
        }
        Object status = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Page.titled("Something went wrong").mode(mode)
                .explain("<p>The request failed on the server; its log has the details.</p>", null)
                .send(req, resp, status instanceof Integer code ? code : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    }

    private static boolean isSessionNotFound(Throwable t) {
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof SessionNotFoundException) {
                return true;
            }
        }
        return false;
    }

    /** {@code /incident1/without/...} → WITHOUT. */
    private static Mode modeOf(String path) {
        String[] segments = path.split("/");
        return segments.length > 2 ? Mode.of(segments[2]).orElse(null) : null;
    }
}
