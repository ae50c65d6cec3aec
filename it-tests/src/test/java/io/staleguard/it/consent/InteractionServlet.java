package io.staleguard.it.consent;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.staleguard.SessionNotFoundException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The interaction, like an OpenID provider's: {@code GET /interaction/{uid}} shows the login page, or the consent page
 * once signed in; {@code POST /interaction/{uid}/login} signs in; {@code POST /interaction/{uid}/confirm} ("Allow
 * access") finishes the interaction and sends the browser to the client's callback with a code. Every step throws
 * {@link SessionNotFoundException} when the interaction or the session it belongs to is gone, as the provider in
 * incident 1 does at the confirm step.
 */
@WebServlet("/interaction/*")
public class InteractionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String USER = "user";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] path = path(req);
        if (path.length != 1) {
            resp.sendError(404);
            return;
        }
        Interactions.Interaction interaction = Interactions.of(getServletContext()).require(req, path[0]);
        HttpSession session = req.getSession(false);
        String user = session == null ? null : (String) session.getAttribute(USER);
        String base = req.getContextPath() + "/interaction/" + interaction.uid();
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        if (user == null) {
            resp.getWriter().write(page("Sign in", "<form id=\"login\" method=\"post\" action=\"" + base + "/login\">"
                    + "<input name=\"username\"><input name=\"password\" type=\"password\">"
                    + "<button>Sign in</button></form>"));
        } else {
            resp.getWriter().write(page("Allow access?", "<p>" + interaction.clientId() + " wants to know that you are "
                    + user + ".</p><form id=\"consent\" method=\"post\" action=\"" + base + "/confirm\">"
                    + "<button>Allow access</button></form>"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] path = path(req);
        if (path.length != 2) {
            resp.sendError(404);
            return;
        }
        Interactions interactions = Interactions.of(getServletContext());
        Interactions.Interaction interaction = interactions.require(req, path[0]);
        HttpSession session = req.getSession(false);
        if (session == null) {
            throw new SessionNotFoundException("session not found");
        }
        switch (path[1]) {
            case "login" -> {
                String username = req.getParameter("username");
                if (username == null || username.isBlank()) {
                    resp.sendError(400, "username required");
                    return;
                }
                session.setAttribute(USER, username.trim());
                req.changeSessionId();
                resp.setStatus(303);
                resp.setHeader("Location", req.getContextPath() + "/interaction/" + interaction.uid());
            }
            case "confirm" -> {
                String user = (String) session.getAttribute(USER);
                if (user == null) {
                    throw new SessionNotFoundException("session not found");
                }
                String code = interactions.finish(interaction, user, resp);
                resp.setStatus(303);
                resp.setHeader("Location", interactions.callback() + "?code=" + code + "&state="
                        + URLEncoder.encode(interaction.state(), StandardCharsets.UTF_8));
            }
            default -> resp.sendError(404);
        }
    }

    private static String[] path(HttpServletRequest req) {
        String info = req.getPathInfo();
        return info == null || info.length() < 2 ? new String[0] : info.substring(1).split("/");
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title + "</h1>" + body
                + "</body></html>";
    }
}
