package io.staleguard.example.rolling;

import java.io.IOException;

import io.staleguard.example.ExampleApp;
import io.staleguard.example.Web;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * <b>Tour scaffolding:</b> {@code GET /incident2/race?token=T} says how many requests of race {@code T} are held in
 * flight ({@code {"held": 4}}); {@code POST /incident2/race?token=T} releases them. See {@link RaceHolds}.
 */
@WebServlet(RollingIncident.PATH + "/race")
public class RaceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = token(req, resp);
        if (token != null) {
            Web.json(resp, HttpServletResponse.SC_OK, "{\"held\":" + holds().held(token) + "}");
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = token(req, resp);
        if (token != null) {
            holds().release(token);
            Web.json(resp, HttpServletResponse.SC_OK, "{\"released\":true}");
        }
    }

    private RaceHolds holds() {
        return ExampleApp.of(getServletContext()).raceHolds();
    }

    private static String token(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String token = req.getParameter("token");
        if (!RaceHolds.isToken(token)) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "token must be 1 to 64 letters, digits, - or _");
            return null;
        }
        return token;
    }
}
