package io.staleguard.it.rolling;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /login}: starts a session the way an application on Staleguard's store does it: a new unguessable id,
 * a record in the store Staleguard uses (the context attribute it publishes), and the session cookie.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ServletContext context = getServletContext();
        SessionStore store = (SessionStore) context.getAttribute(SessionStore.ATTRIBUTE);
        if (store == null) {
            throw new IllegalStateException("Staleguard has not published its session store");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store.create(id, StoredSession.startingAt(Instant.now(), SessionCookie.duration(context, "inactivity"),
                SessionCookie.duration(context, "absolute")));
        // As long as the record, as applications usually write it: Staleguard clamps it to max-cookie-age (R6).
        resp.addCookie(SessionCookie.of(req, id, SessionCookie.duration(context, "inactivity")));
        resp.setContentType("application/json");
        resp.getWriter().write("{\"signedIn\":true}");
    }
}
