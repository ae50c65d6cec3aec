package io.staleguard.it.cdi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Incident 1's trigger without a redeploy: the server loses every session (a restart of a node without session
 * persistence, a flushed session store) while browsers keep their cookies. {@code POST /test/wipe-sessions}
 * invalidates every session the application has; the browser's {@code JSESSIONID} then names nothing.
 */
@WebListener
public class SessionWipe implements HttpSessionListener {

    private static final Set<HttpSession> LIVE = ConcurrentHashMap.newKeySet();

    @Override
    public void sessionCreated(HttpSessionEvent se) {
        LIVE.add(se.getSession());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent se) {
        LIVE.remove(se.getSession());
    }

    @WebServlet("/test/wipe-sessions")
    public static class Endpoint extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
            for (HttpSession session : LIVE) {
                try {
                    session.invalidate();
                } catch (IllegalStateException alreadyInvalidated) {
                    // gone meanwhile: just as well
                }
            }
            resp.setStatus(204);
        }
    }
}
