package io.staleguard.it.gone;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import io.staleguard.SessionNotFoundException;
import io.staleguard.store.SessionStore;
import io.staleguard.store.StoredSession;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A server-rendered application whose sessions live in Staleguard's store ({@code store=memory}): HTML pages, no
 * script, nothing on the client that could clean up after a dead session. The store is the one Staleguard publishes
 * as the context attribute.
 */
public final class SessionPages {

    static final String COOKIE = "SID";

    private SessionPages() {
    }

    static SessionStore store(HttpServletRequest request) {
        return (SessionStore) request.getServletContext().getAttribute(SessionStore.ATTRIBUTE);
    }

    static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    static void page(HttpServletResponse response, String text) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><html><body><p id=\"state\">" + text + "</p></body></html>");
    }

    /** Signs in: a new record in the store and its cookie. */
    @WebServlet("/signin")
    public static class SignIn extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] random = new byte[24];
            ThreadLocalRandom.current().nextBytes(random);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            store(request).create(id, StoredSession.startingAt(Instant.now(), Duration.ofMinutes(30),
                    Duration.ofHours(12)));
            Cookie cookie = new Cookie(COOKIE, id);
            cookie.setPath(request.getContextPath());
            cookie.setHttpOnly(true);
            response.addCookie(cookie);
            page(response, "signed in");
        }
    }

    /** Any page of the application: it looks the session up itself and throws when it is gone (B1). */
    @WebServlet("/page")
    public static class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String id = sessionId(request);
            if (id == null) {
                page(response, "signed out");
                return;
            }
            if (store(request).lookupAuthoritative(id).isEmpty()) {
                throw new SessionNotFoundException("no session for this cookie");
            }
            page(response, "welcome");
        }
    }

    /** An interaction page: Staleguard checks the session before it runs (B2). */
    @WebServlet("/account/settings")
    public static class Settings extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            page(response, sessionId(request) == null ? "settings (signed out)" : "settings");
        }
    }

    /**
     * Ends the session behind the browser's back, as another node's logout, an administrator or an expiry would: the
     * record goes, the cookie stays.
     */
    @WebServlet("/revoke")
    public static class Revoke extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            store(request).delete(sessionId(request));
            response.setStatus(204);
        }
    }
}
