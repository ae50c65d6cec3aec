package io.staleguard.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page under load, identical in {@code plain.war} and {@code guarded.war}: it finds its user's session cookie, as
 * every application with sessions does on every request, and answers a fixed 1 KiB text body with a Content-Length
 * (401 without the cookie), so that the only difference between the two applications is the filters in front of it.
 * Reading the cookie matters for a fair baseline: Undertow parses the {@code Cookie} header only when someone asks for
 * cookies, so a page that never read its session cookie would leave that work to Staleguard alone. In
 * {@code headers.war}, {@link E2eHeadersPageServlet} adds the headers a rolled response carries.
 */
public class E2ePageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The body's length in bytes. */
    public static final int PAGE_BYTES = 1024;

    private static final byte[] PAGE = page("Staleguard end-to-end benchmark page: the same bytes with and without the "
            + "filters.\n");

    /** @return {@value #PAGE_BYTES} bytes of {@code line} repeated, ending in a line feed */
    public static byte[] page(String line) {
        StringBuilder b = new StringBuilder(PAGE_BYTES);
        while (b.length() < PAGE_BYTES) {
            b.append(line);
        }
        b.setLength(PAGE_BYTES - 1);
        return b.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sessionId = sessionId(request);
        if (sessionId == null) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        sessionHeaders(request, response, sessionId);
        response.setContentType("text/plain;charset=US-ASCII");
        response.setContentLength(PAGE.length);
        response.getOutputStream().write(PAGE);
    }

    /**
     * Writes what the application sends on a page of session {@code sessionId} before its body: nothing here.
     *
     * @param request the page request
     * @param response its response, not yet committed
     * @param sessionId the value of the request's {@code SID} cookie
     */
    protected void sessionHeaders(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        // the plain and guarded applications' page writes no header of its own
    }

    private static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (E2eLoginServlet.COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
