package io.staleguard.bench.e2e;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /login}: starts a session without an {@code HttpSession}, as applications with their own session cookie
 * do: a new random id in the cookie {@code SID} (path: the context path), empty body. This one keeps no record; the
 * guarded application's {@link E2eStoreLoginServlet} also creates one in Staleguard's store.
 */
public class E2eLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The session cookie's name, as the guarded WAR's {@code staleguard.session-cookie} names it. */
    public static final String COOKIE = "SID";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        startSession(request, id);
        response.addHeader("Set-Cookie", COOKIE + "=" + id + "; Path=" + request.getContextPath()
                + "; HttpOnly; SameSite=Lax");
        response.setContentLength(0);
    }

    /**
     * Keeps whatever record the application needs for session {@code id}; nothing here.
     *
     * @param request the login request
     * @param id the new session id
     */
    protected void startSession(HttpServletRequest request, String id) {
        // the plain application's session is the cookie alone
    }
}
