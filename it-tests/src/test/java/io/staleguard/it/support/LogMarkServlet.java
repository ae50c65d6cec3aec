package io.staleguard.it.support;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /test/log-mark?id=…}: logs one INFO line carrying the id, through {@link System.Logger} as Staleguard
 * logs. {@link ServerLog} waits for it to know that everything logged before is in the file.
 */
@WebServlet("/test/log-mark")
public class LogMarkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PREFIX = "staleguard-it log mark ";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getParameter("id");
        if (id == null || !id.matches("[0-9a-f-]{1,64}")) {
            resp.sendError(400);
            return;
        }
        System.getLogger(LogMarkServlet.class.getName()).log(System.Logger.Level.INFO, PREFIX + id);
        resp.setStatus(204);
    }
}
