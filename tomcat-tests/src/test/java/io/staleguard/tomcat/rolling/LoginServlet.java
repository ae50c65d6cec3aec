package io.staleguard.tomcat.rolling;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code POST /login}: starts a session in the application's store and gives the browser its {@code SID} cookie. */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = startSession(getServletContext());
        Cookie cookie = new Cookie(RollingApp.COOKIE, id);
        cookie.setPath(req.getContextPath());
        cookie.setHttpOnly(true);
        resp.addCookie(cookie);
        resp.setStatus(204);
    }

    /** @return the id of a new session (30 minutes' inactivity, 12 hours at most) in the application's store */
    static String startSession(ServletContext context) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SessionStore store = (SessionStore) context.getAttribute(SessionStore.ATTRIBUTE);
        store.create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30), Duration.ofHours(12)));
        return id;
    }
}
