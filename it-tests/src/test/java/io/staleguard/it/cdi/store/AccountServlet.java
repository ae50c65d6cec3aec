package io.staleguard.it.cdi.store;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's own sessions, kept in its {@link SessionStore} bean under the id its {@value #COOKIE} cookie
 * carries (store mode, as a cluster sharing one store runs):
 * <ul>
 * <li>{@code POST /account/sign-in}: creates a session record valid for one minute and sets the cookie;</li>
 * <li>{@code GET /account/record}: the expiry the store holds for the request's session, or 404;</li>
 * <li>{@code POST /account/forget}: deletes the record, as a sign-out on another node or a flushed store does.</li>
 * </ul>
 */
@WebServlet("/account/*")
public class AccountServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String COOKIE = "SID";
    static final Duration FIRST_LIFETIME = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SessionStore store;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        switch (req.getMethod() + " " + req.getPathInfo()) {
            case "POST /sign-in" -> {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                store.create(id, StoredSession.startingAt(Instant.now(), FIRST_LIFETIME, Duration.ofHours(12)));
                Cookie cookie = new Cookie(COOKIE, id);
                cookie.setPath(req.getContextPath());
                cookie.setHttpOnly(true);
                resp.addCookie(cookie);
                resp.getWriter().write("signed in");
            }
            case "GET /record" -> {
                Optional<StoredSession> record = sessionId(req).flatMap(store::lookup);
                if (record.isEmpty()) {
                    resp.sendError(404);
                    return;
                }
                resp.getWriter().write(record.get().expiresAt().toString());
            }
            case "POST /forget" -> {
                sessionId(req).ifPresent(store::delete);
                resp.setStatus(204);
            }
            default -> resp.sendError(404);
        }
    }

    private static Optional<String> sessionId(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return Optional.of(c.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
