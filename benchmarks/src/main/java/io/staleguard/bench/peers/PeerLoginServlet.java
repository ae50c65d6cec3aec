package io.staleguard.bench.peers;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code GET /login}: signs a user in the way servlet applications do, {@code request.getSession(true)} and one
 * attribute ({@value #USER}). Whoever keeps the session sets the {@code SID} cookie: the container or Spring Session.
 * With Staleguard (a {@link SessionStore} in the servlet context attribute {@link SessionStore#ATTRIBUTE}) the sign-in
 * also creates the session's existence record, under the container's session id, as the README's store mode says.
 */
public class PeerLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The one attribute every session holds: the signed-in user's name. */
    public static final String USER = "user";

    /** Staleguard's defaults for {@code staleguard.inactivity} and {@code staleguard.absolute}. */
    public static final Duration INACTIVITY = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);

    private static final AtomicLong USERS = new AtomicLong();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        session.setAttribute(USER, "user-" + USERS.incrementAndGet());
        if (request.getServletContext().getAttribute(SessionStore.ATTRIBUTE) instanceof SessionStore store) {
            store.create(session.getId(), StoredSession.startingAt(Instant.now(), INACTIVITY, ABSOLUTE));
        }
        response.setContentLength(0);
    }
}
