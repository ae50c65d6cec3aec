package io.staleguard.bench.peers;

import io.staleguard.Staleguard;
import io.staleguard.store.SessionStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code POST /logout}: signs out the way each peer documents it: {@link Staleguard#logout} with Staleguard (it
 * deletes the record, expires the cookie and invalidates the container session), {@code HttpSession.invalidate()}
 * otherwise (Spring Session's {@code SessionRepositoryFilter} turns that into a delete in its repository). 204.
 */
public class PeerLogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        if (request.getServletContext().getAttribute(SessionStore.ATTRIBUTE) instanceof SessionStore) {
            Staleguard.logout(request, response);
        } else {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
