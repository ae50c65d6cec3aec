package io.staleguard.bench.peers;

import java.io.IOException;

import io.staleguard.bench.e2e.E2ePageServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code GET /page}: reads its session ({@code getSession(false)} and the {@link PeerLoginServlet#USER} attribute) and
 * answers 1 KiB of text with a {@code Content-Length}; 401 with an empty body when there is no signed-in session.
 */
public class PeerPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The body's length in bytes. */
    public static final int PAGE_BYTES = E2ePageServlet.PAGE_BYTES;

    private static final byte[] PAGE = E2ePageServlet
            .page("Staleguard peers benchmark page: the same bytes whoever keeps the session.\n");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object user = signedIn(request.getSession(false));
        if (user == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentLength(0);
            return;
        }
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(PAGE.length);
        response.getOutputStream().write(PAGE);
    }

    /**
     * The signed-in user, or null. A logout racing this request may invalidate the session between
     * {@code getSession} and {@code getAttribute}, which then throws {@code IllegalStateException} (Servlet spec): for
     * this page that is a signed-out user, as it would be for any application written with the race in mind.
     */
    private static Object signedIn(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(PeerLoginServlet.USER);
        } catch (IllegalStateException invalidatedMeanwhile) {
            return null;
        }
    }
}
