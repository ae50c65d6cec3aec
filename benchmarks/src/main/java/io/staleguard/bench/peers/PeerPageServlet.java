package io.staleguard.bench.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
    public static final int PAGE_BYTES = 1024;

    private static final byte[] PAGE = page();

    private static byte[] page() {
        String line = "Staleguard peers benchmark page: the same bytes whoever keeps the session.\n";
        StringBuilder b = new StringBuilder(PAGE_BYTES);
        while (b.length() < PAGE_BYTES) {
            b.append(line);
        }
        b.setLength(PAGE_BYTES - 1);
        return b.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
    }

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
