package io.staleguard.tomcat.rolling;

import java.io.IOException;

import io.staleguard.store.SessionStore;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /test/store?id=…}: {@code live} or {@code gone}, as the application's store has the record. No session
 * cookie involved, so the filters leave it alone.
 */
@WebServlet("/test/store")
public class StoreProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SessionStore store = (SessionStore) getServletContext().getAttribute(SessionStore.ATTRIBUTE);
        resp.setContentType("text/plain");
        resp.getWriter().write(store.lookup(req.getParameter("id")).isPresent() ? "live" : "gone");
    }
}
