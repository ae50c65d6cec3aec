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
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(PeerLoginServlet.USER);
        if (user == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentLength(0);
            return;
        }
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(PAGE.length);
        response.getOutputStream().write(PAGE);
    }
}
