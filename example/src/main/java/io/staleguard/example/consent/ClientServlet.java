package io.staleguard.example.consent;

import static io.staleguard.example.Page.esc;

import java.io.IOException;

import io.staleguard.example.ExampleApp;
import io.staleguard.example.Mode;
import io.staleguard.example.Page;
import io.staleguard.example.Web;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The demo client of incident 1, the application the user wants to sign in to. {@code /client/start} remembers a fresh
 * {@code state} in its own cookie and sends the browser to the provider's {@code /authorize}; {@code /client/callback}
 * accepts the authorization code only with that same {@code state}.
 * <p>
 * That check is why Staleguard restarts a broken flow at the original authorization URL (its
 * {@code restart-capture-paths}) rather than at some start page: the restarted flow still carries the client's
 * {@code state}, so the client accepts its outcome.
 */
@WebServlet("/client/*")
public class ClientServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        switch (path) {
            case "/start" -> start(req, resp);
            case "/callback" -> callback(req, resp);
            default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void start(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Mode mode = Mode.of(req.getParameter("mode")).orElse(null);
        if (mode == null) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "mode must be with or without");
            return;
        }
        String ctx = req.getContextPath();
        String state = Interactions.newId();
        resp.addCookie(Web.cookie(ConsentIncident.CLIENT_COOKIE, mode.segment() + "." + state,
                ctx + "/client", -1));
        Web.seeOther(resp, ConsentIncident.base(ctx, mode) + "/authorize?response_type=code&client_id="
                + ConsentIncident.CLIENT_ID + "&redirect_uri=" + ConsentIncident.encode(ctx + ConsentIncident.CALLBACK)
                + "&scope=openid+profile&state=" + state);
    }

    private void callback(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ctx = req.getContextPath();
        String remembered = Web.cookieValue(req, ConsentIncident.CLIENT_COOKIE);
        int dot = remembered == null ? -1 : remembered.indexOf('.');
        Mode mode = dot < 0 ? null : Mode.of(remembered.substring(0, dot)).orElse(null);
        String state = req.getParameter("state");
        if (mode == null || !remembered.substring(dot + 1).equals(state)) {
            clientPage(req, mode, "Sign-in rejected", "error",
                    "<h2>The answer does not belong to a sign-in this client started</h2>",
                    "<p>The <code>state</code> that came back is not the one the client sent, so it rejects the "
                            + "code: what a restart at the wrong URL would have caused.</p>")
                    .send(req, resp, HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        Interactions.Grant grant = ExampleApp.of(getServletContext()).interactions().redeem(req.getParameter("code"));
        if (grant == null || grant.mode() != mode) {
            clientPage(req, mode, "Sign-in failed", "error", "<h2>The authorization code is not valid</h2>",
                    "<p>The provider does not know this code (any more): it was used already, or a redeploy dropped "
                            + "it.</p>")
                    .send(req, resp, HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        resp.addCookie(Web.cookie(ConsentIncident.CLIENT_COOKIE, "", ctx + "/client", 0));
        clientPage(req, mode, "Signed in", "ok",
                "<h2>Welcome, " + esc(grant.account()) + "</h2><p>You are signed in to "
                        + ConsentIncident.CLIENT_NAME + ".</p>",
                "<p>The provider redirected back with an authorization code and the very <code>state</code> the "
                        + "client sent when it started this sign-in, so the client accepted the code"
                        + (grant.restarted() ? ", although the first attempt ran into a stale session: Staleguard "
                                + "had restarted the flow at its original authorization URL." : ".")
                        + "</p>")
                .send(req, resp);
    }

    private static Page clientPage(HttpServletRequest req, Mode mode, String title, String style, String content,
            String happened) {
        String ctx = req.getContextPath();
        Page page = Page.titled(title).crumb(ConsentIncident.CRUMB).mode(mode)
                .html("<section class=\"card app " + style + "\"><div class=\"brand\">" + ConsentIncident.CLIENT_NAME
                        + "</div>" + content + "</section>");
        if (mode == null) {
            return page.explain(happened, "<a href=\"" + esc(ctx) + "/\">back to the tour</a>.");
        }
        return page.explain(happened, "run the same steps <a href=\""
                + esc(ConsentIncident.clientStart(ctx, mode.other())) + "\">" + mode.other().phrase()
                + "</a>, or go <a href=\"" + esc(ctx) + "/\">back to the tour</a>.");
    }
}
