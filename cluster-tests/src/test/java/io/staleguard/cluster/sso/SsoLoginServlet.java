package io.staleguard.cluster.sso;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.staleguard.internal.http.SessionIds;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /sso/login}: signs in the user the SSO proxy names ({@value #HEADER}): a record in Staleguard's store, the
 * user in the shared table under the same id, and the session cookie.
 */
@WebServlet("/sso/login")
public class SsoLoginServlet extends HttpServlet {

    static final String HEADER = "X-Auth-User";

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String user = req.getHeader(HEADER);
        if (user == null) {
            resp.sendError(400, HEADER + " missing");
            return;
        }
        ServletContext context = getServletContext();
        SessionStore store = (SessionStore) context.getAttribute(SessionStore.ATTRIBUTE);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.create(id, StoredSession.startingAt(Instant.now(), duration(context, "inactivity"),
                duration(context, "absolute")));
        try {
            // The events name a session by this hash only: the listener finds the row by it.
            SharedSessions.signIn(SharedSessions.dataSource(), id, SessionIds.hash(id), user);
        } catch (SQLException e) {
            throw new ServletException("the shared session table does not answer", e);
        }
        Cookie cookie = new Cookie(SharedSessions.COOKIE, id);
        cookie.setPath(req.getContextPath());
        cookie.setHttpOnly(true);
        resp.addCookie(cookie);
        resp.setContentType("application/json");
        resp.getWriter().write("{\"signedIn\":\"" + user + "\"}");
    }

    private static Duration duration(ServletContext context, String key) {
        return Duration.parse(context.getInitParameter("staleguard." + key));
    }
}
