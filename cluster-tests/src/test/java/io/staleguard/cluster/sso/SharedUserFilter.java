package io.staleguard.cluster.sso;

import java.io.IOException;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Declared in web.xml, so it runs before the web-fragment's Staleguard filters: copies the session's user from the
 * shared table into this node's {@code HttpSession} on every request, so that Staleguard's identity check on any node
 * compares the proxy's header with the user the session belongs to. When the row is gone (the session ended through
 * another node) the node's container session keeps the user it last copied.
 */
public class SharedUserFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private transient DataSource ds;

    @Override
    public void init() {
        ds = SharedSessions.dataSource();
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String sid = SharedSessions.sid(req);
        if (sid != null) {
            String user;
            try {
                user = SharedSessions.user(ds, sid);
            } catch (SQLException e) {
                throw new ServletException("the shared session table does not answer", e);
            }
            if (user != null) {
                copy(req, user);
            }
        }
        chain.doFilter(req, res);
    }

    private static void copy(HttpServletRequest req, String user) {
        HttpSession session = req.getSession(true);
        try {
            session.setAttribute(SharedSessions.USER_ATTRIBUTE, user);
        } catch (IllegalStateException invalidatedMeanwhile) {
            // A concurrent call on this node ended the session (an identity switch), and Undertow hands this request the
            // same invalidated session again: there is nobody to copy the user to. Staleguard answers this call as it
            // answered the one that ended the session.
        }
    }
}
