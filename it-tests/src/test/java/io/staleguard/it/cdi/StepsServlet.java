package io.staleguard.it.cdi;

import java.io.IOException;

import io.staleguard.SessionNotFoundException;
import io.staleguard.Staleguard;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Consent steps that let exceptions go on to the container, as most servlets do, so that what
 * {@code StaleSessionFilter} does with them shows:
 * <ul>
 * <li>{@code GET /steps/attempts}: an {@code @Interaction} method with a primitive return type;</li>
 * <li>{@code POST /steps/outage}: an {@code @Interaction} method that meets a store outage;</li>
 * <li>{@code GET /steps/report}: commits the response, then calls an {@code @Interaction} method;</li>
 * <li>{@code POST /steps/direct}: no interceptor at all, the servlet itself throws;</li>
 * <li>{@code POST /steps/recover}: the application recovers itself with {@code Staleguard.recover}.</li>
 * </ul>
 */
@WebServlet("/steps/*")
public class StepsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String REPORT_START = "<!DOCTYPE html><html><body><h1>Your consents</h1>";

    @Inject
    ConsentService consent;

    @Inject
    Consents consents;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        switch (req.getMethod() + " " + req.getPathInfo()) {
            case "GET /attempts" -> text(resp, "attempts: " + consent.attempts());
            case "POST /outage" -> {
                consent.storeOutage();
                text(resp, "unreachable");
            }
            case "GET /report" -> {
                resp.setContentType("text/html;charset=UTF-8");
                resp.getWriter().write(REPORT_START);
                resp.flushBuffer();
                consent.review();
                resp.getWriter().write("</body></html>");
            }
            case "POST /direct" -> {
                if (req.getSession(false) == null) {
                    throw new SessionNotFoundException("session not found");
                }
                text(resp, "direct: " + consents.require());
            }
            case "POST /recover" -> {
                if (req.getSession(false) == null) {
                    Staleguard.recover(req, resp);
                    return;
                }
                text(resp, "recover: " + consents.require());
            }
            default -> resp.sendError(404);
        }
    }

    private static void text(HttpServletResponse resp, String text) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(text);
    }
}
